package io.portcullis.domain.identity;

/** A freshly created key with its plaintext, which exists only in this value and is shown once. */
public record IssuedApiKey(ApiKey key, String plaintext) {
    @Override
    public String toString() {
        return "IssuedApiKey[" + key.id() + "]";
    }
}

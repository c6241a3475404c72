package io.portcullis.adapters.http.pages;

/**
 * The server key that signs CSRF tokens. Derived from the configured encryption keys (bootstrap wiring), so every
 * replica signs and checks alike and a restart keeps open forms valid; never a per-process random value.
 */
public record CsrfSigningKey(byte[] value) {
    public CsrfSigningKey {
        if (value == null || value.length < 32) {
            throw new IllegalArgumentException("a CSRF signing key needs at least 32 bytes");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }
}

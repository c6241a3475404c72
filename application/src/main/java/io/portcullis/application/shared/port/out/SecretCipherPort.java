package io.portcullis.application.shared.port.out;

/**
 * Seals secrets that must be read back (upstream client secrets, API key values, custom headers, user
 * tokens): authenticated encryption, each value tagged with the id of the key that sealed it.
 */
public interface SecretCipherPort {
    String seal(String plaintext);

    /** Opens a value sealed under any configured key; throws when it was tampered with or the key is gone. */
    String open(String sealed);

    /** True when {@code sealed} was sealed under a key other than the current one, or is kept in clear (re-encryption). */
    boolean needsReseal(String sealed);

    /**
     * The stored form of a value kept in clear ({@code decrypt-secrets}, for leaving encryption): {@link #open} returns
     * it as is and {@link #needsReseal} is true for it, so {@code reencrypt-secrets} seals it again.
     */
    String inClear(String plaintext);

    /** True when {@code stored} is sealed (not a value kept in clear). */
    boolean isSealed(String stored);
}

package io.portcullis.bootstrap.crypto;

import io.portcullis.domain.shared.RandomSource;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The production {@link RandomSource}: a NIST SP 800-90A DRBG (the JDK's {@code DRBG}, Hash_DRBG over SHA-256, seeded
 * from the system's entropy source) per thread. One shared generator was a hot lock: the default NativePRNG is one
 * synchronized object reading {@code /dev/urandom} on every draw, and a grant draws five or six secrets, so request
 * threads queued on it (JFR at the token endpoint: 10 ms+ monitor waits, CPU spent spinning for it).
 */
public final class SecureRandomSource implements RandomSource {
    private final ThreadLocal<SecureRandom> generators = ThreadLocal.withInitial(SecureRandomSource::generator);

    @Override
    public byte[] bytes(int length) {
        byte[] out = new byte[length];
        generators.get().nextBytes(out);
        return out;
    }

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG", e);
        }
    }
}

package io.portcullis.bootstrap.crypto;

import io.portcullis.domain.shared.RandomSource;
import java.security.SecureRandom;

/** The production {@link RandomSource}: the JDK's default strong generator. */
public final class SecureRandomSource implements RandomSource {
    private final SecureRandom random = new SecureRandom();

    @Override
    public byte[] bytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}

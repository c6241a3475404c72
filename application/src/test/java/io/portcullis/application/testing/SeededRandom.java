package io.portcullis.application.testing;

import io.portcullis.domain.shared.RandomSource;
import java.util.Random;

/** Deterministic randomness for tests (never for production). */
public final class SeededRandom implements RandomSource {
    private final Random random;

    public SeededRandom(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public synchronized byte[] bytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}

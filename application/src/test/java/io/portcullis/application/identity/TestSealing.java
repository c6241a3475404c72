package io.portcullis.application.identity;

import io.portcullis.application.shared.port.out.SecretCipherPort;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A reversible stand-in for the AES-GCM cipher (adapters-persistence); values it did not seal do not open. */
public final class TestSealing implements SecretCipherPort {
    @Override
    public String seal(String plaintext) {
        return "test:" + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String open(String sealed) {
        if (sealed.startsWith("plain:")) {
            return sealed.substring(6);
        }
        if (!sealed.startsWith("test:")) {
            throw new IllegalStateException("not sealed here");
        }
        return new String(Base64.getDecoder().decode(sealed.substring(5)), StandardCharsets.UTF_8);
    }

    @Override
    public boolean needsReseal(String sealed) {
        return false;
    }

    @Override
    public String inClear(String plaintext) {
        return "plain:" + plaintext;
    }

    @Override
    public boolean isSealed(String stored) {
        return stored.startsWith("test:");
    }
}

package io.portcullis.domain.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** SHA-256 digest of a high-entropy secret; the only form in which such secrets are stored. */
public record SecretDigest(byte[] bytes) {
    public SecretDigest {
        DomainValidationException.require(bytes != null && bytes.length == 32, "secret", "digest must be 32 bytes");
        bytes = bytes.clone();
    }

    public static SecretDigest of(String secret) {
        try {
            return new SecretDigest(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Constant-time comparison with the digest of {@code candidate}. */
    public boolean matches(String candidate) {
        return MessageDigest.isEqual(bytes, of(candidate).bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretDigest other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SecretDigest[" + HexFormat.of().formatHex(bytes, 0, 4) + "…]";
    }
}

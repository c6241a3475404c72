package io.portcullis.domain.shared;

/** Source of cryptographically strong randomness; the core never creates its own generator. */
public interface RandomSource {
    String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    byte[] bytes(int length);

    /** A string of {@code length} characters drawn uniformly from {@code [0-9A-Za-z]}. */
    default String alphanumeric(int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            for (byte b : bytes(length)) {
                int v = b & 0xff;
                // 62 * 4 = 248: values at or above it would bias the draw
                if (v < 248 && out.length() < length) {
                    out.append(ALPHANUMERIC.charAt(v % 62));
                }
            }
        }
        return out.toString();
    }

    default java.util.UUID uuid() {
        byte[] b = bytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        return new java.util.UUID(buf.getLong(), buf.getLong());
    }
}

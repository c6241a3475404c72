package io.portcullis.domain.shared;

/**
 * Character classes of the credentials and protocol tokens checked on every request, tested by a plain scan: these
 * checks run once or more per request, where a regular expression costs several times as much for the same answer.
 */
public final class Ascii {
    private Ascii() {
    }

    /** {@code [0-9A-Za-z]}: ASCII only. */
    public static boolean isAlphanumeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** True when every character of {@code value} in {@code [from, to)} is {@link #isAlphanumeric}. */
    public static boolean alphanumeric(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAlphanumeric(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** An HTTP token (RFC 9110 §5.6.2: a method or a header name): one or more of {@code [!#$%&'*+.^_`|~0-9A-Za-z-]}. */
    public static boolean isHttpToken(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAlphanumeric(c) && "!#$%&'*+.^_`|~-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A header field value that can be written as it is (RFC 9110 §5.5): horizontal tab, space, visible ASCII and
     * obs-text ({@code 0x80–0xFF}, one byte each) only — no CR, LF, NUL or other control character, nothing beyond one
     * byte. Empty is allowed.
     */
    public static boolean isHttpFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                return false;
            }
        }
        return true;
    }
}

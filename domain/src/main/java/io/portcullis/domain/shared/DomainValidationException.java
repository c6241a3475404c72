package io.portcullis.domain.shared;

/**
 * Thrown by value constructors when an input breaks a value rule; the edge turns it into a
 * 400 (REST) or {@code invalid_request} (OAuth) answer naming {@link #field()}.
 */
public final class DomainValidationException extends RuntimeException {
    private final String field;

    public DomainValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new DomainValidationException(field, message);
        }
    }
}

package io.portcullis.domain.identity;

import io.portcullis.domain.shared.DomainValidationException;

/** A plaintext password on its way to the hasher; never printed. */
public record Password(String value) {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    public Password {
        DomainValidationException.require(value != null && value.length() >= MIN_LENGTH, "password",
                "must be at least " + MIN_LENGTH + " characters");
        DomainValidationException.require(value.length() <= MAX_LENGTH, "password",
                "must be at most " + MAX_LENGTH + " characters");
    }

    @Override
    public String toString() {
        return "Password[***]";
    }
}

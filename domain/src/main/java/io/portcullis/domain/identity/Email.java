package io.portcullis.domain.identity;

import io.portcullis.domain.shared.DomainValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A user's e-mail address, kept lower-cased so uniqueness is case-insensitive. */
public record Email(String value) {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

    public Email {
        DomainValidationException.require(value != null && SHAPE.matcher(value.trim()).matches(), "email",
                "must be an e-mail address");
        value = value.trim().toLowerCase(Locale.ROOT);
    }
}

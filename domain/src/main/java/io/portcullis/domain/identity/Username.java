package io.portcullis.domain.identity;

import io.portcullis.domain.shared.DomainValidationException;
import java.util.regex.Pattern;

/** A user's handle: 1–32 characters of {@code [a-z0-9-]}. */
public record Username(String value) {
    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9-]{1,32}$");

    public Username {
        DomainValidationException.require(value != null && SHAPE.matcher(value).matches(), "username",
                "must be 1-32 characters of a-z, 0-9 and -");
    }
}

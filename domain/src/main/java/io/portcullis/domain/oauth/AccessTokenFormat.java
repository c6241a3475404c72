package io.portcullis.domain.oauth;

import java.util.Locale;
import java.util.Optional;

/** How access tokens for a registered resource look: RFC 9068 JWTs, or opaque strings checked by introspection. */
public enum AccessTokenFormat {
    JWT, OPAQUE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AccessTokenFormat> fromWire(String value) {
        for (AccessTokenFormat f : values()) {
            if (f.wire().equals(value)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}

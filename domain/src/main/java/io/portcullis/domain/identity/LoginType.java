package io.portcullis.domain.identity;

import java.util.Locale;

/** How an API key came to be; decides whether its expiry slides. */
public enum LoginType {
    PASSWORD, TOKEN, OIDC, OAUTH2_PROVIDER_APP;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LoginType fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A sign-in (password or OIDC), as opposed to a token: what a password change ends. */
    public boolean isSession() {
        return this == PASSWORD || this == OIDC;
    }

    /** Browser sessions slide; user tokens and OAuth access tokens keep their fixed expiry. */
    public boolean slides() {
        return this == PASSWORD || this == OIDC;
    }
}

package io.portcullis.domain.oauth;

import java.util.Locale;

/** Error codes of RFC 6749 §4.1.2.1/§5.2, RFC 7591 §3.2.2, RFC 8707 §2 and RFC 6750 §3.1. */
public enum OAuthErrorCode {
    INVALID_REQUEST, INVALID_CLIENT, INVALID_GRANT, UNAUTHORIZED_CLIENT, UNSUPPORTED_GRANT_TYPE, INVALID_SCOPE,
    INVALID_TARGET, ACCESS_DENIED, UNSUPPORTED_RESPONSE_TYPE, INVALID_REDIRECT_URI, INVALID_CLIENT_METADATA,
    INVALID_TOKEN, SERVER_ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.portcullis.domain.oauth;

/** A refusal in an OAuth exchange: the RFC error code and a description naming what was wrong. */
public record OAuthError(OAuthErrorCode code, String description) {
    public static OAuthError invalidRequest(String description) {
        return new OAuthError(OAuthErrorCode.INVALID_REQUEST, description);
    }

    public static OAuthError invalidClient(String description) {
        return new OAuthError(OAuthErrorCode.INVALID_CLIENT, description);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError(OAuthErrorCode.INVALID_GRANT, description);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError(OAuthErrorCode.INVALID_SCOPE, description);
    }

    public static OAuthError invalidTarget(String description) {
        return new OAuthError(OAuthErrorCode.INVALID_TARGET, description);
    }
}

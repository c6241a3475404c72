package io.portcullis.domain.oauth;

/**
 * A refusal in an OAuth exchange. Each record states what went wrong and knows its RFC error code
 * (RFC 6749 §4.1.2.1/§5.2, RFC 7591 §3.2.2, RFC 8707 §2, RFC 6750 §3.1) and the description sent with it.
 */
public sealed interface OAuthError {
    OAuthErrorCode code();

    /** The {@code error_description}: what was wrong, naming the offending parameter. */
    String description();

    /** A parameter is missing, repeated, malformed or contradicts another. */
    record InvalidRequest(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_REQUEST;
        }
    }

    /** Client authentication failed, or the client named cannot be used (RFC 6749 §5.2). */
    record InvalidClient(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_CLIENT;
        }
    }

    /** The code or refresh token is invalid, expired, bound to something else, or fails PKCE. */
    record InvalidGrant(String reason) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_GRANT;
        }

        @Override
        public String description() {
            return reason;
        }
    }

    /** An authorization code was presented again; whatever it minted has been revoked (RFC 6749 §4.1.2). */
    record CodeReplayed() implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_GRANT;
        }

        @Override
        public String description() {
            return "the authorization code was already used; tokens issued from it have been revoked";
        }
    }

    /** A rotated refresh token was presented again; the whole grant has been revoked (RFC 9700 §4.14.2). */
    record RefreshTokenReused() implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_GRANT;
        }

        @Override
        public String description() {
            return "the refresh token was already used; the whole grant has been revoked";
        }
    }

    /** The authenticated client may not use this grant type. */
    record UnauthorizedClient(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.UNAUTHORIZED_CLIENT;
        }
    }

    record UnsupportedGrantType(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.UNSUPPORTED_GRANT_TYPE;
        }
    }

    /** The scope is malformed or wider than the client or grant allows. */
    record InvalidScope(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_SCOPE;
        }
    }

    /** The resource indicator is malformed or not one this server may issue for (RFC 8707 §2). */
    record InvalidTarget(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_TARGET;
        }
    }

    /** The user denied the request at the consent page. */
    record AccessDenied(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.ACCESS_DENIED;
        }
    }

    record UnsupportedResponseType(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.UNSUPPORTED_RESPONSE_TYPE;
        }
    }

    /** RFC 7591 §3.2.2: a redirect URI in the metadata is not acceptable. */
    record InvalidRedirectUri(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_REDIRECT_URI;
        }
    }

    /** RFC 7591 §3.2.2: some other client metadata field is not acceptable. */
    record InvalidClientMetadata(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_CLIENT_METADATA;
        }
    }

    /** RFC 7592 §2 / RFC 6750 §3.1: the registration access token is missing or wrong. */
    record InvalidToken(String description) implements OAuthError {
        @Override
        public OAuthErrorCode code() {
            return OAuthErrorCode.INVALID_TOKEN;
        }
    }
}

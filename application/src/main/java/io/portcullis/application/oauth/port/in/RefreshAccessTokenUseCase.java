package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;

/** The refresh token grant (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2). */
public interface RefreshAccessTokenUseCase {
    /** Rotates the refresh token and issues new tokens; a reused one revokes the whole grant. */
    Result<TokenResponse, OAuthError> refresh(RefreshAccessTokenCommand command);
}

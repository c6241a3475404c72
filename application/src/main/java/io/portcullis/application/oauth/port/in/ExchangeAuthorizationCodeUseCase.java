package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;

/** The authorization code grant (RFC 6749 §4.1.3 with RFC 7636 §4.6 and RFC 8707 §2.2). */
public interface ExchangeAuthorizationCodeUseCase {
    /** Redeems a single-use code for tokens; a replayed code revokes what it minted. */
    Result<TokenResponse, OAuthError> exchange(ExchangeAuthorizationCodeCommand command);
}

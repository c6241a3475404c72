package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;

/** Client authentication at the token and revocation endpoints (RFC 6749 §2.3, §3.2.1). */
public interface AuthenticateClientUseCase {
    /** Confidential clients prove their secret; public clients send their id only. */
    Result<OAuthClient, OAuthError> authenticate(ClientCredentials credentials);
}

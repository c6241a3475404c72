package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.OAuthClient;

/** RFC 7009: revokes an access or refresh token of the authenticated client; unknown tokens are fine. */
public interface RevokeTokenUseCase {
    void revoke(OAuthClient client, String token, String tokenTypeHint);
}

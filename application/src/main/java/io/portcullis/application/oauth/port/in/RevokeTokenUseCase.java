package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.oauth.OAuthClient;

/** RFC 7009: revokes an access or refresh token of the authenticated client; unknown tokens are fine. */
public interface RevokeTokenUseCase {
    /** {@code from}: the client address of the request, for the audit log (null without a request). */
    void revoke(OAuthClient client, String token, String tokenTypeHint, ClientAddress from);

    default void revoke(OAuthClient client, String token, String tokenTypeHint) {
        revoke(client, token, tokenTypeHint, null);
    }
}

package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.OAuthClient;

/** RFC 7009 for access tokens issued for registered resources (JWT or opaque): the client's own tokens only. */
public interface RevokeResourceAccessTokenUseCase {
    /** True when the token was one of the client's and is now revoked. */
    boolean revoke(OAuthClient client, String token);
}

package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.RevokeResourceAccessTokenUseCase;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import io.portcullis.domain.oauth.OAuthClient;
import java.time.Clock;

/** RFC 7009 for tokens of registered resources: deleting the record makes a JWT introspect inactive at once. */
public final class RevokeResourceTokenService implements RevokeResourceAccessTokenUseCase {
    private final ResourceTokenFinder finder;
    private final ResourceAccessTokenRepository tokens;
    private final Clock clock;

    public RevokeResourceTokenService(ResourceTokenFinder finder, ResourceAccessTokenRepository tokens, Clock clock) {
        this.finder = finder;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public boolean revoke(OAuthClient client, String token) {
        return finder.find(token, clock.instant()).filter(t -> t.clientId().equals(client.id()))
                .map(t -> tokens.delete(t.id())).orElse(false);
    }
}

package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.out.AccessTokenJwtPort;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.ResourceAccessToken;
import io.portcullis.domain.shared.Uuids;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the live record of a presented resource token: a JWT must verify under a published key (an unknown {@code kid}
 * finds nothing) and its {@code jti} must still be recorded (revocation deletes it); an opaque token must match its
 * stored digest. Expired tokens are not found.
 */
public final class ResourceTokenFinder {
    private final ResourceAccessTokenRepository tokens;
    private final SigningKeyService keys;
    private final AccessTokenJwtPort jwt;

    public ResourceTokenFinder(ResourceAccessTokenRepository tokens, SigningKeyService keys, AccessTokenJwtPort jwt) {
        this.tokens = tokens;
        this.keys = keys;
        this.jwt = jwt;
    }

    Optional<ResourceAccessToken> find(String token, Instant now) {
        if (token == null || token.length() > 8192) {
            return Optional.empty();
        }
        Optional<ResourceAccessToken> found;
        if (token.chars().filter(c -> c == '.').count() == 2) {
            found = jwt.verify(token, keys::verificationKey)
                    .filter(claims -> now.isBefore(claims.expiresAt()))
                    .flatMap(claims -> Uuids.parse(claims.jwtId()))
                    .flatMap(tokens::findById);
        } else {
            Optional<PrefixedSecret> presented = PrefixedSecret.parse(token);
            found = presented.flatMap(p -> tokens.findByPrefix(p.prefix()))
                    .filter(t -> t.digest().isPresent() && t.digest().get().matches(presented.get().secret()));
        }
        return found.filter(t -> !t.isExpired(now));
    }
}

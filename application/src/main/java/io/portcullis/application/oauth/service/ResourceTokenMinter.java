package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.out.AccessTokenJwtPort;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.AccessTokenFormat;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.oauth.ResourceAccessToken;
import io.portcullis.domain.shared.RandomSource;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints an access token for a registered resource in the resource's format and lifetime: an RFC 9068 JWT (subject the
 * user, or the client for client_credentials) or an opaque {@code pcs_} token. Both are recorded so revocation and
 * introspection see them.
 */
public final class ResourceTokenMinter {
    private final ResourceAccessTokenRepository tokens;
    private final SigningKeyService keys;
    private final AccessTokenJwtPort jwt;
    private final String issuer;
    private final RandomSource random;

    public ResourceTokenMinter(ResourceAccessTokenRepository tokens, SigningKeyService keys, AccessTokenJwtPort jwt,
            String issuer, RandomSource random) {
        this.tokens = tokens;
        this.keys = keys;
        this.jwt = jwt;
        this.issuer = issuer;
        this.random = random;
    }

    /** The token and its lifetime in seconds. */
    public record Minted(String token, long expiresIn) {
        @Override
        public String toString() {
            return "Minted[expiresIn=" + expiresIn + "]";
        }
    }

    Minted mint(OAuthClient client, Optional<UUID> userId, Optional<UUID> grantId, RegisteredResource resource,
            ScopeSet scope, Instant now) {
        UUID id = random.uuid();
        Instant expires = now.plus(resource.accessTokenLifetime());
        String token;
        Optional<PrefixedSecret> opaque = Optional.empty();
        if (resource.tokenFormat() == AccessTokenFormat.JWT) {
            token = jwt.sign(keys.signingKey(), new AccessTokenJwtPort.Claims(issuer,
                    userId.map(UUID::toString).orElse(client.clientId()), resource.resource().value(), client.clientId(),
                    scope.spaceDelimited(), now, expires, id.toString()));
        } else {
            opaque = Optional.of(PrefixedSecret.mint(random));
            token = opaque.get().presentable();
        }
        tokens.insert(new ResourceAccessToken(id, resource.tokenFormat(), opaque.map(PrefixedSecret::prefix),
                opaque.map(PrefixedSecret::digest), client.id(), userId, grantId, resource.resource(), scope, now, expires));
        return new Minted(token, resource.accessTokenLifetime().toSeconds());
    }
}

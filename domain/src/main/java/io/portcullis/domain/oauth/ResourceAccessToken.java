package io.portcullis.domain.oauth;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A live access token issued for a registered resource. JWTs (RFC 9068) are recorded by their {@code jti} = {@code id}
 * so that revoking one makes it introspect inactive at once; opaque tokens also keep their prefix and digest.
 * {@code userId} and {@code grantId} are empty for client_credentials tokens, whose subject is the client.
 */
public record ResourceAccessToken(UUID id, AccessTokenFormat format, Optional<String> prefix,
        Optional<SecretDigest> digest, UUID clientId, Optional<UUID> userId, Optional<UUID> grantId,
        ResourceUri audience, ScopeSet scope, Instant issuedAt, Instant expiresAt) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * RFC 7662 §4 access rule of PRODUCT §7: the introspection client of the token's audience may ask about it, and a
     * client about its own tokens; nobody else learns anything.
     */
    public boolean introspectableBy(UUID callerClientId, Optional<RegisteredResource> audienceResource) {
        return callerClientId.equals(clientId)
                || audienceResource.filter(r -> r.resource().equals(audience) && r.introspectionClientId().equals(callerClientId))
                        .isPresent();
    }

    @Override
    public String toString() {
        return "ResourceAccessToken[" + id + ", " + format + ", aud=" + audience + "]";
    }
}

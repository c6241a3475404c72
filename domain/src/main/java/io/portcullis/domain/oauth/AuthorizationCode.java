package io.portcullis.domain.oauth;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An issued authorization code (RFC 6749 §4.1.2), bound to client, user, the redirect URI sent at
 * authorize (if any), the PKCE challenge, scope and resource. Single use.
 */
public record AuthorizationCode(String prefix, SecretDigest digest, UUID clientId, UUID userId,
        Optional<String> redirectUri, PkceChallenge challenge, ScopeSet scope, ResourceUri resource,
        boolean resourceSent, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}

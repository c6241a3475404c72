package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Looks up one of Portcullis's own opaque OAuth access tokens for the client it was issued to, for introspection
 * (RFC 7662, PRODUCT §7: "a client its own tokens").
 */
public interface FindOAuthAccessTokenUseCase {
    /**
     * The live access token {@code presented} when it was issued to {@code clientId}; empty when it is unknown,
     * revoked, expired, another client's, or its user is suspended.
     */
    Optional<AccessTokenDetails> findIssuedTo(String presented, UUID clientId);

    /** What introspection may tell: {@code userId} and {@code username} are empty for a client's own token. */
    record AccessTokenDetails(Optional<UUID> userId, Optional<String> username, ScopeSet scope, ResourceUri audience,
            Instant issuedAt, Instant expiresAt) {
    }
}

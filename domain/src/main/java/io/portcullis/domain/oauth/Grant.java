package io.portcullis.domain.oauth;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Instant;
import java.util.UUID;

/**
 * One authorization a user gave a client: the tokens minted from one code and all their refreshes.
 * Revoking the grant ends every token in it. A user may hold many grants for the same client.
 */
public record Grant(UUID id, UUID clientId, UUID userId, ScopeSet scope, ResourceUri resource, String codePrefix,
        Instant createdAt) {
}

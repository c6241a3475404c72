package io.portcullis.adapters.persistence.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** Rows of the registered-resource, resource-token and signing-key tables. */
final class ResourceRows {
    private ResourceRows() {
    }

    @MappedEntity("oauth2_resource")
    record ResourceRow(@Id UUID id, String resource, String displayName, String[] scopes, String[] scopeDescriptions,
            String accessTokenFormat, int accessTokenLifetimeSeconds, UUID introspectionAppId, Instant createdAt,
            Instant updatedAt) {
    }

    @MappedEntity("oauth2_resource_token")
    record ResourceTokenRow(@Id UUID id, String format, @Nullable String prefix, @Nullable byte[] tokenDigest, UUID appId,
            @Nullable UUID userId, @Nullable UUID grantId, String audience, String[] scope, Instant issuedAt,
            Instant expiresAt) {
    }

    @MappedEntity("oauth2_signing_key")
    record SigningKeyRow(@Id String kid, String publicJwk, String privateJwkSealed, Instant createdAt, Instant activatesAt,
            @Nullable Instant retiresAt) {
    }
}

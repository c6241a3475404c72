package io.portcullis.adapters.persistence.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code api_key}; {@code userId} is null for a client_credentials token, which belongs to its client. */
@MappedEntity("api_key")
record ApiKeyRow(@Id String id, byte[] secretDigest, @Nullable UUID userId, String loginType, Instant expiresAt, long lifetimeSeconds,
        @Nullable Instant lastUsed, @Nullable String tokenName, String[] scopes, String[] allowList, Instant createdAt,
        @Nullable String audience, @Nullable @MappedProperty("oauth2_grant_id") UUID oauth2GrantId,
        @Nullable @MappedProperty("oauth2_app_id") UUID oauth2AppId) {
}

package io.portcullis.adapters.persistence.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * An {@code api_key} row joined with its owner's {@code app_user} columns (aliased {@code u_*}): read only, by
 * {@link ApiKeyRowRepository#findWithOwner}. Mapped as an entity rather than a DTO projection so its row
 * mapping is built once, not on every authenticated request. The owner columns are null for a client_credentials
 * token (no user; joined with LEFT JOIN).
 */
@MappedEntity("api_key")
record KeyWithOwnerRow(@Id String id, byte[] secretDigest, @Nullable UUID userId, String loginType, Instant expiresAt, long lifetimeSeconds,
        @Nullable Instant lastUsed, @Nullable String tokenName, String[] scopes, String[] allowList, Instant createdAt,
        @Nullable String audience, @Nullable @MappedProperty("oauth2_grant_id") UUID oauth2GrantId,
        @Nullable @MappedProperty("oauth2_app_id") UUID oauth2AppId,
        @Nullable @MappedProperty("u_email") String ownerEmail,
        @Nullable @MappedProperty("u_username") String ownerUsername,
        @Nullable @MappedProperty("u_password_hash") String ownerPasswordHash,
        @Nullable @MappedProperty("u_role") String ownerRole,
        @Nullable @MappedProperty("u_status") String ownerStatus,
        @Nullable @MappedProperty("u_created_at") Instant ownerCreatedAt,
        @Nullable @MappedProperty("u_last_seen_at") Instant ownerLastSeenAt) {

    ApiKeyRow key() {
        return new ApiKeyRow(id, secretDigest, userId, loginType, expiresAt, lifetimeSeconds, lastUsed, tokenName, scopes,
                allowList, createdAt, audience, oauth2GrantId, oauth2AppId);
    }

    UserRow owner() {
        return new UserRow(userId, ownerEmail, ownerUsername, ownerPasswordHash, ownerRole, ownerStatus, ownerCreatedAt,
                ownerLastSeenAt);
    }
}

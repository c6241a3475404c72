package io.portcullis.adapters.persistence.identity;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** An {@code api_key} row joined with its owner's {@code app_user} columns (aliased {@code u_*}). */
@Introspected
record KeyWithOwnerRow(String id, byte[] secretDigest, UUID userId, String loginType, Instant expiresAt, long lifetimeSeconds,
        @Nullable Instant lastUsed, @Nullable String tokenName, String[] scopes, String[] allowList, Instant createdAt,
        @Nullable String audience, @Nullable @MappedProperty("oauth2_grant_id") UUID oauth2GrantId,
        @MappedProperty(value = "u_email", type = DataType.STRING) String ownerEmail,
        @MappedProperty(value = "u_username", type = DataType.STRING) String ownerUsername,
        @MappedProperty(value = "u_password_hash", type = DataType.STRING) String ownerPasswordHash,
        @MappedProperty(value = "u_role", type = DataType.STRING) String ownerRole,
        @MappedProperty(value = "u_status", type = DataType.STRING) String ownerStatus,
        @MappedProperty(value = "u_created_at", type = DataType.TIMESTAMP) Instant ownerCreatedAt,
        @Nullable @MappedProperty(value = "u_last_seen_at", type = DataType.TIMESTAMP) Instant ownerLastSeenAt) {

    ApiKeyRow key() {
        return new ApiKeyRow(id, secretDigest, userId, loginType, expiresAt, lifetimeSeconds, lastUsed, tokenName, scopes,
                allowList, createdAt, audience, oauth2GrantId);
    }

    UserRow owner() {
        return new UserRow(userId, ownerEmail, ownerUsername, ownerPasswordHash, ownerRole, ownerStatus, ownerCreatedAt,
                ownerLastSeenAt);
    }
}

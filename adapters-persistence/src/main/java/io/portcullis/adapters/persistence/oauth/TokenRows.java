package io.portcullis.adapters.persistence.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/** Rows of the tables that hold client secrets, codes, grants and refresh tokens (digests only). */
final class TokenRows {
    private TokenRows() {
    }

    @MappedEntity("oauth2_app_secret")
    record SecretRow(@Id UUID id, UUID appId, String prefix, byte[] secretDigest, String displaySuffix, Instant createdAt,
            @Nullable Instant lastUsedAt) {
    }

    @MappedEntity("oauth2_code")
    record CodeRow(@Id String prefix, byte[] codeDigest, UUID appId, UUID userId, @Nullable String redirectUri,
            String codeChallenge, String[] scope, String resource, boolean resourceSent, Instant createdAt,
            Instant expiresAt, @Nullable Instant usedAt) {
    }

    @MappedEntity("oauth2_grant")
    record GrantRow(@Id UUID id, UUID appId, UUID userId, String[] scope, String resource, String codePrefix,
            Instant createdAt) {
    }

    @MappedEntity("oauth2_refresh_token")
    record RefreshTokenRow(@Id String prefix, byte[] tokenDigest, @MappedProperty("grant_id") UUID grantId,
            Instant createdAt, Instant expiresAt, @Nullable Instant rotatedAt) {
    }

    /**
     * A refresh-token row joined with its grant's columns (aliased {@code g_*}), read with the grant's row lock by
     * {@code RefreshTokenRowRepository#findLockingGrant}.
     */
    @MappedEntity("oauth2_refresh_token")
    record RefreshTokenWithGrantRow(@Id String prefix, byte[] tokenDigest, @MappedProperty("grant_id") UUID grantId,
            Instant createdAt, Instant expiresAt, @Nullable Instant rotatedAt,
            @MappedProperty("g_app_id") UUID grantAppId,
            @MappedProperty("g_user_id") UUID grantUserId,
            @MappedProperty("g_scope") String[] grantScope,
            @MappedProperty("g_resource") String grantResource,
            @MappedProperty("g_code_prefix") String grantCodePrefix,
            @MappedProperty("g_created_at") Instant grantCreatedAt) {

        RefreshTokenRow token() {
            return new RefreshTokenRow(prefix, tokenDigest, grantId, createdAt, expiresAt, rotatedAt);
        }

        GrantRow grant() {
            return new GrantRow(grantId, grantAppId, grantUserId, grantScope, grantResource, grantCodePrefix, grantCreatedAt);
        }
    }
}

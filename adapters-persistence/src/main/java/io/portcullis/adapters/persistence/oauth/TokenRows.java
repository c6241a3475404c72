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
}

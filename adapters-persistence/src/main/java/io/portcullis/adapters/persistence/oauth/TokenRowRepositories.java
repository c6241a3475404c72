package io.portcullis.adapters.persistence.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.portcullis.adapters.persistence.oauth.TokenRows.CodeRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.GrantRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.RefreshTokenRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.RefreshTokenWithGrantRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.SecretRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Statements on the secret, code, grant and refresh-token tables. */
final class TokenRowRepositories {
    private TokenRowRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface SecretRowRepository extends GenericRepository<SecretRow, UUID> {
        void insert(SecretRow row);

        Optional<SecretRow> findByPrefix(String prefix);

        @Query("SELECT * FROM oauth2_app_secret WHERE app_id = :appId ORDER BY created_at")
        List<SecretRow> listByApp(UUID appId);

        @Query("DELETE FROM oauth2_app_secret WHERE app_id = :appId AND id = :id")
        int deleteSecret(UUID appId, UUID id);

        @Query("UPDATE oauth2_app_secret SET last_used_at = :at WHERE id = :id")
        int touch(UUID id, Instant at);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface CodeRowRepository extends GenericRepository<CodeRow, String> {
        void insert(CodeRow row);

        Optional<CodeRow> findByPrefix(String prefix);

        /** The code with its row lock: redemptions of one code take turns. */
        @Query("SELECT * FROM oauth2_code WHERE prefix = :prefix FOR UPDATE")
        Optional<CodeRow> findLocking(String prefix);

        /**
         * Redemption in one statement: marks the code used if it was unused, and then (same condition, same snapshot)
         * stores the grant and, when a prefix is given, its first refresh token; returns 1 for the grant stored, 0 when
         * the code was already used. The code's row lock, taken before, makes the condition stable.
         */
        @Query("WITH used AS (UPDATE oauth2_code SET used_at = :at WHERE prefix = :prefix AND used_at IS NULL),"
                + " first_refresh AS (INSERT INTO oauth2_refresh_token (prefix, token_digest, grant_id, created_at, expires_at)"
                + " SELECT :refreshPrefix, :refreshDigest, :grantId, :at, :refreshExpiresAt FROM oauth2_code"
                + " WHERE prefix = :prefix AND used_at IS NULL AND CAST(:refreshPrefix AS text) IS NOT NULL)"
                + " INSERT INTO oauth2_grant (id, app_id, user_id, scope, resource, code_prefix, created_at)"
                + " SELECT :grantId, :appId, :userId, :scope, :resource, prefix, :at FROM oauth2_code"
                + " WHERE prefix = :prefix AND used_at IS NULL")
        int redeem(String prefix, Instant at, UUID grantId, UUID appId, UUID userId, String[] scope, String resource,
                @Nullable String refreshPrefix, @Nullable byte[] refreshDigest, @Nullable Instant refreshExpiresAt);

        @Query("DELETE FROM oauth2_code WHERE expires_at < :cutoff")
        int deleteExpiredBefore(Instant cutoff);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface GrantRowRepository extends GenericRepository<GrantRow, UUID> {
        void insert(GrantRow row);

        Optional<GrantRow> findById(UUID id);

        @Query("SELECT * FROM oauth2_grant WHERE id = :id FOR UPDATE")
        Optional<GrantRow> findLocking(UUID id);

        @Query("SELECT * FROM oauth2_grant WHERE user_id = :userId ORDER BY created_at")
        List<GrantRow> listByUser(UUID userId);

        @Query("SELECT * FROM oauth2_grant ORDER BY created_at DESC LIMIT :limit")
        List<GrantRow> listRecent(int limit);

        @Query("DELETE FROM oauth2_grant WHERE id = :id")
        int deleteGrant(UUID id);

        @Query("DELETE FROM oauth2_grant WHERE code_prefix = :codePrefix")
        int deleteByCodePrefix(String codePrefix);

        @Query("DELETE FROM oauth2_grant g WHERE g.created_at < :cutoff"
                + " AND NOT EXISTS (SELECT 1 FROM oauth2_refresh_token r WHERE r.grant_id = g.id)"
                + " AND NOT EXISTS (SELECT 1 FROM api_key k WHERE k.oauth2_grant_id = g.id)")
        int deleteExhaustedBefore(Instant cutoff);

        @Query("DELETE FROM oauth2_grant WHERE user_id = :userId AND app_id = :appId")
        int deleteByUserAndApp(UUID userId, UUID appId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface RefreshTokenRowRepository extends GenericRepository<RefreshTokenRow, String> {
        void insert(RefreshTokenRow row);

        Optional<RefreshTokenRow> findByPrefix(String prefix);

        /** The token and its grant, locking the grant's row (not the token's): the grant's lock comes first. */
        @Query("SELECT r.*, g.app_id AS g_app_id, g.user_id AS g_user_id, g.scope AS g_scope, g.resource AS g_resource,"
                + " g.code_prefix AS g_code_prefix, g.created_at AS g_created_at"
                + " FROM oauth2_refresh_token r JOIN oauth2_grant g ON g.id = r.grant_id WHERE r.prefix = :prefix FOR UPDATE OF g")
        Optional<RefreshTokenWithGrantRow> findLockingGrant(String prefix);

        /**
         * Rotation in one statement: marks the token rotated if it was not, and then (same condition, same snapshot)
         * stores its successor; returns 1 when rotated, 0 when it had been rotated already. Every rotation holds the
         * grant's row lock, so the condition cannot change under the statement.
         */
        @Query("WITH rotated AS (UPDATE oauth2_refresh_token SET rotated_at = :at WHERE prefix = :prefix AND rotated_at IS NULL)"
                + " INSERT INTO oauth2_refresh_token (prefix, token_digest, grant_id, created_at, expires_at)"
                + " SELECT :nextPrefix, :nextDigest, :nextGrantId, :nextCreatedAt, :nextExpiresAt FROM oauth2_refresh_token"
                + " WHERE prefix = :prefix AND rotated_at IS NULL")
        int rotate(String prefix, Instant at, String nextPrefix, byte[] nextDigest, UUID nextGrantId, Instant nextCreatedAt,
                Instant nextExpiresAt);

        @Query("WITH unrotated AS (UPDATE oauth2_refresh_token SET rotated_at = NULL WHERE prefix = :prefix)"
                + " DELETE FROM oauth2_refresh_token WHERE prefix = :nextPrefix")
        int undoRotation(String prefix, String nextPrefix);

        @Query("DELETE FROM oauth2_refresh_token WHERE expires_at < :cutoff")
        int deleteExpiredBefore(Instant cutoff);
    }
}

package io.portcullis.adapters.persistence.oauth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.portcullis.adapters.persistence.oauth.TokenRows.CodeRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.GrantRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.RefreshTokenRow;
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

        /** Single use decided by the database: of any number of concurrent callers exactly one updates the row. */
        @Query("UPDATE oauth2_code SET used_at = :at WHERE prefix = :prefix AND used_at IS NULL")
        int markUsed(String prefix, Instant at);

        @Query("DELETE FROM oauth2_code WHERE expires_at < :cutoff")
        int deleteExpiredBefore(Instant cutoff);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface GrantRowRepository extends GenericRepository<GrantRow, UUID> {
        void insert(GrantRow row);

        Optional<GrantRow> findById(UUID id);

        @Query("SELECT * FROM oauth2_grant WHERE user_id = :userId ORDER BY created_at")
        List<GrantRow> listByUser(UUID userId);

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

        /** Rotation decided by the database: of any number of concurrent callers exactly one updates the row. */
        @Query("UPDATE oauth2_refresh_token SET rotated_at = :at WHERE prefix = :prefix AND rotated_at IS NULL")
        int markRotated(String prefix, Instant at);

        @Query("DELETE FROM oauth2_refresh_token WHERE expires_at < :cutoff")
        int deleteExpiredBefore(Instant cutoff);
    }
}

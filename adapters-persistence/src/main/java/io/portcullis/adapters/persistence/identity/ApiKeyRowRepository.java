package io.portcullis.adapters.persistence.identity;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Statements on {@code api_key}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRowRepository extends GenericRepository<ApiKeyRow, String> {
    void insert(ApiKeyRow row);

    Optional<ApiKeyRow> findById(String id);

    /** The key and its owner in one statement: the authentication hot path. */
    @Query("SELECT k.*, u.email AS u_email, u.username AS u_username, u.password_hash AS u_password_hash, u.role AS u_role,"
            + " u.status AS u_status, u.created_at AS u_created_at, u.last_seen_at AS u_last_seen_at"
            + " FROM api_key k LEFT JOIN app_user u ON u.id = k.user_id WHERE k.id = :id")
    Optional<KeyWithOwnerRow> findWithOwner(String id);

    @Query("SELECT * FROM api_key WHERE user_id = :userId AND login_type = :loginType ORDER BY created_at")
    List<ApiKeyRow> listByUser(UUID userId, String loginType);

    @Query("DELETE FROM api_key WHERE id = :id")
    int deleteKey(String id);

    @Query("DELETE FROM api_key WHERE user_id = :userId")
    int deleteByUser(UUID userId);

    @Query("DELETE FROM api_key WHERE user_id = :userId AND login_type IN ('password', 'oidc') AND id <> :exceptKeyId")
    int deleteSessions(UUID userId, String exceptKeyId);

    @Query("UPDATE api_key SET last_used = :lastUsed, expires_at = GREATEST(expires_at, :expiresAt) WHERE id = :id")
    int recordUse(String id, Instant lastUsed, Instant expiresAt);

    @Query("DELETE FROM api_key WHERE expires_at < :cutoff")
    int deleteExpiredBefore(Instant cutoff);
}

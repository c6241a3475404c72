package io.portcullis.adapters.persistence.identity;

import io.portcullis.adapters.persistence.shared.Sql;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys in table {@code api_key}. */
public final class JdbcApiKeyRepository implements ApiKeyRepository {
    private static final String COLUMNS = "k.id, k.secret_digest, k.user_id, k.login_type, k.expires_at, k.lifetime_seconds,"
            + " k.last_used, k.token_name, k.scopes, k.allow_list, k.created_at, k.audience, k.oauth2_grant_id";
    private final Sql sql;

    public JdbcApiKeyRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean insert(ApiKey key) {
        return sql.insertUnique("INSERT INTO api_key (id, secret_digest, user_id, login_type, expires_at, lifetime_seconds,"
                + " last_used, token_name, scopes, allow_list, created_at, audience, oauth2_grant_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(), key.secretDigest().bytes(), key.userId(), key.loginType().wire(), key.expiresAt(),
                key.lifetimeSeconds(), Sql.nullableInstant(key.lastUsed()), Sql.nullableText(key.tokenName()),
                new Sql.TextArray(key.scopes().values()), new Sql.TextArray(key.allowList().entries()), key.createdAt(),
                Sql.nullableText(key.audience().map(ResourceUri::value).orElse(null)),
                key.grantId().isPresent() ? key.grantId().get() : Sql.NullOf.UUID_TYPE);
    }

    @Override
    public Optional<ApiKey> findById(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM api_key k WHERE k.id = ?", JdbcApiKeyRepository::map, id);
    }

    @Override
    public Optional<KeyWithOwner> findWithOwner(String id) {
        return sql.one("SELECT " + COLUMNS + ", " + JdbcUserRepository.COLUMNS
                + " FROM api_key k JOIN app_user u ON u.id = k.user_id WHERE k.id = ?",
                rs -> new KeyWithOwner(map(rs), JdbcUserRepository.map(rs)), id);
    }

    @Override
    public List<ApiKey> listByUser(UUID userId, LoginType loginType) {
        return sql.list("SELECT " + COLUMNS + " FROM api_key k WHERE k.user_id = ? AND k.login_type = ? ORDER BY k.created_at",
                JdbcApiKeyRepository::map, userId, loginType.wire());
    }

    @Override
    public boolean delete(String id) {
        return sql.update("DELETE FROM api_key WHERE id = ?", id) == 1;
    }

    @Override
    public void deleteByUser(UUID userId) {
        sql.update("DELETE FROM api_key WHERE user_id = ?", userId);
    }

    @Override
    public void recordUse(String id, Instant lastUsed, Instant expiresAt) {
        sql.update("UPDATE api_key SET last_used = ?, expires_at = GREATEST(expires_at, ?) WHERE id = ?", lastUsed, expiresAt, id);
    }

    static ApiKey map(ResultSet rs) throws SQLException {
        String audience = rs.getString("audience");
        return new ApiKey(rs.getString("id"), new SecretDigest(rs.getBytes("secret_digest")), Sql.uuid(rs, "user_id"),
                LoginType.fromWire(rs.getString("login_type")), Sql.instant(rs, "expires_at"), rs.getLong("lifetime_seconds"),
                Sql.instant(rs, "last_used"), rs.getString("token_name"), ScopeSet.of(Sql.texts(rs, "scopes")),
                AllowList.of(Sql.texts(rs, "allow_list")), Sql.instant(rs, "created_at"),
                Optional.ofNullable(audience).map(ResourceUri::new), Optional.ofNullable(Sql.uuid(rs, "oauth2_grant_id")));
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return sql.update("DELETE FROM api_key WHERE expires_at < ?", cutoff);
    }
}

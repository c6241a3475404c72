package io.portcullis.adapters.persistence.oauth;

import io.portcullis.adapters.persistence.shared.Sql;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.oauth.RefreshToken;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Secrets, codes, grants and refresh tokens. Single use is decided by the database: an {@code UPDATE … WHERE
 * used_at IS NULL} succeeds for exactly one of any number of concurrent callers.
 */
public final class JdbcOAuthTokenRepositories {
    private JdbcOAuthTokenRepositories() {
    }

    /** {@code oauth2_app_secret}. */
    public static final class Secrets implements ClientSecretRepository {
        private final Sql sql;

        public Secrets(Sql sql) {
            this.sql = sql;
        }

        @Override
        public void insert(ClientSecret s) {
            sql.update("INSERT INTO oauth2_app_secret (id, app_id, prefix, secret_digest, display_suffix, created_at, last_used_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", s.id(), s.clientId(), s.prefix(), s.digest().bytes(), s.displaySuffix(),
                    s.createdAt(), Sql.nullableInstant(s.lastUsedAt()));
        }

        @Override
        public Optional<ClientSecret> findByPrefix(String prefix) {
            return sql.one("SELECT * FROM oauth2_app_secret WHERE prefix = ?", Secrets::map, prefix);
        }

        @Override
        public List<ClientSecret> listByClient(UUID clientId) {
            return sql.list("SELECT * FROM oauth2_app_secret WHERE app_id = ? ORDER BY created_at", Secrets::map, clientId);
        }

        @Override
        public boolean delete(UUID clientId, UUID secretId) {
            return sql.update("DELETE FROM oauth2_app_secret WHERE app_id = ? AND id = ?", clientId, secretId) == 1;
        }

        @Override
        public void touch(UUID secretId, Instant at) {
            sql.update("UPDATE oauth2_app_secret SET last_used_at = ? WHERE id = ?", at, secretId);
        }

        private static ClientSecret map(ResultSet rs) throws SQLException {
            return new ClientSecret(Sql.uuid(rs, "id"), Sql.uuid(rs, "app_id"), rs.getString("prefix"),
                    new SecretDigest(rs.getBytes("secret_digest")), rs.getString("display_suffix"),
                    Sql.instant(rs, "created_at"), Sql.instant(rs, "last_used_at"));
        }
    }

    /** {@code oauth2_code}. */
    public static final class Codes implements AuthorizationCodeRepository {
        private final Sql sql;

        public Codes(Sql sql) {
            this.sql = sql;
        }

        @Override
        public void insert(AuthorizationCode c) {
            sql.update("INSERT INTO oauth2_code (prefix, code_digest, app_id, user_id, redirect_uri, code_challenge, scope,"
                    + " resource, resource_sent, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.prefix(), c.digest().bytes(), c.clientId(), c.userId(), Sql.nullableText(c.redirectUri().orElse(null)),
                    c.challenge().value(), new Sql.TextArray(c.scope().values()), c.resource().value(), c.resourceSent(),
                    c.createdAt(), c.expiresAt(), Sql.nullableInstant(c.usedAt().orElse(null)));
        }

        @Override
        public Optional<AuthorizationCode> findByPrefix(String prefix) {
            return sql.one("SELECT * FROM oauth2_code WHERE prefix = ?", rs -> new AuthorizationCode(rs.getString("prefix"),
                    new SecretDigest(rs.getBytes("code_digest")), Sql.uuid(rs, "app_id"), Sql.uuid(rs, "user_id"),
                    Optional.ofNullable(rs.getString("redirect_uri")), new PkceChallenge(rs.getString("code_challenge")),
                    ScopeSet.of(Sql.texts(rs, "scope")), new ResourceUri(rs.getString("resource")), rs.getBoolean("resource_sent"),
                    Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"),
                    Optional.ofNullable(Sql.instant(rs, "used_at"))), prefix);
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            return sql.update("DELETE FROM oauth2_code WHERE expires_at < ?", cutoff);
        }

        @Override
        public boolean markUsed(String prefix, Instant at) {
            return sql.update("UPDATE oauth2_code SET used_at = ? WHERE prefix = ? AND used_at IS NULL", at, prefix) == 1;
        }
    }

    /** {@code oauth2_grant}; its refresh tokens and access tokens go with it (ON DELETE CASCADE). */
    public static final class Grants implements GrantRepository {
        private final Sql sql;

        public Grants(Sql sql) {
            this.sql = sql;
        }

        @Override
        public void insert(Grant g) {
            sql.update("INSERT INTO oauth2_grant (id, app_id, user_id, scope, resource, code_prefix, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", g.id(), g.clientId(), g.userId(), new Sql.TextArray(g.scope().values()),
                    g.resource().value(), g.codePrefix(), g.createdAt());
        }

        @Override
        public Optional<Grant> findById(UUID id) {
            return sql.one("SELECT * FROM oauth2_grant WHERE id = ?", Grants::map, id);
        }

        @Override
        public List<Grant> listByUser(UUID userId) {
            return sql.list("SELECT * FROM oauth2_grant WHERE user_id = ? ORDER BY created_at", Grants::map, userId);
        }

        @Override
        public boolean delete(UUID id) {
            return sql.update("DELETE FROM oauth2_grant WHERE id = ?", id) == 1;
        }

        @Override
        public void deleteByCodePrefix(String codePrefix) {
            sql.update("DELETE FROM oauth2_grant WHERE code_prefix = ?", codePrefix);
        }

        @Override
        public int deleteExhaustedBefore(Instant cutoff) {
            return sql.update("DELETE FROM oauth2_grant g WHERE g.created_at < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM oauth2_refresh_token r WHERE r.grant_id = g.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM api_key k WHERE k.oauth2_grant_id = g.id)", cutoff);
        }

        @Override
        public int deleteByUserAndClient(UUID userId, UUID clientId) {
            return sql.update("DELETE FROM oauth2_grant WHERE user_id = ? AND app_id = ?", userId, clientId);
        }

        private static Grant map(ResultSet rs) throws SQLException {
            return new Grant(Sql.uuid(rs, "id"), Sql.uuid(rs, "app_id"), Sql.uuid(rs, "user_id"),
                    ScopeSet.of(Sql.texts(rs, "scope")), new ResourceUri(rs.getString("resource")), rs.getString("code_prefix"),
                    Sql.instant(rs, "created_at"));
        }
    }

    /** {@code oauth2_refresh_token}. */
    public static final class RefreshTokens implements RefreshTokenRepository {
        private final Sql sql;

        public RefreshTokens(Sql sql) {
            this.sql = sql;
        }

        @Override
        public void insert(RefreshToken t) {
            sql.update("INSERT INTO oauth2_refresh_token (prefix, token_digest, grant_id, created_at, expires_at, rotated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", t.prefix(), t.digest().bytes(), t.grantId(), t.createdAt(), t.expiresAt(),
                    Sql.nullableInstant(t.rotatedAt().orElse(null)));
        }

        @Override
        public Optional<RefreshToken> findByPrefix(String prefix) {
            return sql.one("SELECT * FROM oauth2_refresh_token WHERE prefix = ?", rs -> new RefreshToken(rs.getString("prefix"),
                    new SecretDigest(rs.getBytes("token_digest")), Sql.uuid(rs, "grant_id"), Sql.instant(rs, "created_at"),
                    Sql.instant(rs, "expires_at"), Optional.ofNullable(Sql.instant(rs, "rotated_at"))), prefix);
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            return sql.update("DELETE FROM oauth2_refresh_token WHERE expires_at < ?", cutoff);
        }

        @Override
        public boolean markRotated(String prefix, Instant at) {
            return sql.update("UPDATE oauth2_refresh_token SET rotated_at = ? WHERE prefix = ? AND rotated_at IS NULL", at,
                    prefix) == 1;
        }
    }
}

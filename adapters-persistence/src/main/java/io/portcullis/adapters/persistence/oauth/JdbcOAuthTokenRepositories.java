package io.portcullis.adapters.persistence.oauth;

import io.portcullis.adapters.persistence.oauth.TokenRowRepositories.CodeRowRepository;
import io.portcullis.adapters.persistence.oauth.TokenRowRepositories.GrantRowRepository;
import io.portcullis.adapters.persistence.oauth.TokenRowRepositories.RefreshTokenRowRepository;
import io.portcullis.adapters.persistence.oauth.TokenRowRepositories.SecretRowRepository;
import io.portcullis.adapters.persistence.oauth.TokenRows.CodeRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.GrantRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.RefreshTokenRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.RefreshTokenWithGrantRow;
import io.portcullis.adapters.persistence.oauth.TokenRows.SecretRow;
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
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Secrets, codes, grants and refresh tokens. Single use is decided by the database: an {@code UPDATE … WHERE
 * used_at IS NULL} succeeds for exactly one of any number of concurrent callers. Work on one grant locks the grant's
 * row first ({@code findLocking*}), so the statements that follow never wait on each other in opposite orders.
 */
public final class JdbcOAuthTokenRepositories {
    private JdbcOAuthTokenRepositories() {
    }

    /** {@code oauth2_app_secret}. */
    @Singleton
    public static final class Secrets implements ClientSecretRepository {
        private final SecretRowRepository rows;

        Secrets(SecretRowRepository rows) {
            this.rows = rows;
        }

        @Override
        public void insert(ClientSecret s) {
            rows.insert(new SecretRow(s.id(), s.clientId(), s.prefix(), s.digest().bytes(), s.displaySuffix(), s.createdAt(),
                    s.lastUsedAt()));
        }

        @Override
        public Optional<ClientSecret> findByPrefix(String prefix) {
            return rows.findByPrefix(prefix).map(Secrets::secret);
        }

        @Override
        public List<ClientSecret> listByClient(UUID clientId) {
            return rows.listByApp(clientId).stream().map(Secrets::secret).toList();
        }

        @Override
        public boolean delete(UUID clientId, UUID secretId) {
            return rows.deleteSecret(clientId, secretId) == 1;
        }

        @Override
        public void touch(UUID secretId, Instant at) {
            rows.touch(secretId, at);
        }

        private static ClientSecret secret(SecretRow r) {
            return new ClientSecret(r.id(), r.appId(), r.prefix(), new SecretDigest(r.secretDigest()), r.displaySuffix(),
                    r.createdAt(), r.lastUsedAt());
        }
    }

    /** {@code oauth2_code}. */
    @Singleton
    public static final class Codes implements AuthorizationCodeRepository {
        private final CodeRowRepository rows;

        Codes(CodeRowRepository rows) {
            this.rows = rows;
        }

        @Override
        public void insert(AuthorizationCode c) {
            rows.insert(new CodeRow(c.prefix(), c.digest().bytes(), c.clientId(), c.userId(), c.redirectUri().orElse(null),
                    c.challenge().value(), c.scope().values().toArray(String[]::new), c.resource().value(), c.resourceSent(),
                    c.createdAt(), c.expiresAt(), c.usedAt().orElse(null)));
        }

        @Override
        public Optional<AuthorizationCode> findByPrefix(String prefix) {
            return rows.findByPrefix(prefix).map(Codes::code);
        }

        @Override
        public Optional<AuthorizationCode> findLocking(String prefix) {
            return rows.findLocking(prefix).map(Codes::code);
        }

        private static AuthorizationCode code(CodeRow r) {
            return new AuthorizationCode(r.prefix(), new SecretDigest(r.codeDigest()), r.appId(), r.userId(),
                    Optional.ofNullable(r.redirectUri()), new PkceChallenge(r.codeChallenge()), ScopeSet.of(List.of(r.scope())),
                    new ResourceUri(r.resource()), r.resourceSent(), r.createdAt(), r.expiresAt(), Optional.ofNullable(r.usedAt()));
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            return rows.deleteExpiredBefore(cutoff);
        }

        @Override
        public boolean redeem(String prefix, Instant at, Grant g, Optional<RefreshToken> first) {
            return rows.redeem(prefix, at, g.id(), g.clientId(), g.userId(), g.scope().values().toArray(String[]::new),
                    g.resource().value(), first.map(RefreshToken::prefix).orElse(null),
                    first.map(t -> t.digest().bytes()).orElse(null), first.map(RefreshToken::expiresAt).orElse(null)) == 1;
        }
    }

    /** {@code oauth2_grant}; its refresh tokens and access tokens go with it (ON DELETE CASCADE). */
    @Singleton
    public static final class Grants implements GrantRepository {
        private final GrantRowRepository rows;

        Grants(GrantRowRepository rows) {
            this.rows = rows;
        }

        @Override
        public void insert(Grant g) {
            rows.insert(new GrantRow(g.id(), g.clientId(), g.userId(), g.scope().values().toArray(String[]::new),
                    g.resource().value(), g.codePrefix(), g.createdAt()));
        }

        @Override
        public Optional<Grant> findById(UUID id) {
            return rows.findById(id).map(Grants::grant);
        }

        @Override
        public Optional<Grant> findLocking(UUID id) {
            return rows.findLocking(id).map(Grants::grant);
        }

        @Override
        public List<Grant> listByUser(UUID userId) {
            return rows.listByUser(userId).stream().map(Grants::grant).toList();
        }

        @Override
        public List<Grant> listRecent(int limit) {
            return rows.listRecent(limit).stream().map(Grants::grant).toList();
        }

        @Override
        public boolean delete(UUID id) {
            return rows.deleteGrant(id) == 1;
        }

        @Override
        public void deleteByCodePrefix(String codePrefix) {
            rows.deleteByCodePrefix(codePrefix);
        }

        @Override
        public int deleteExhaustedBefore(Instant cutoff) {
            return rows.deleteExhaustedBefore(cutoff);
        }

        @Override
        public int deleteByUserAndClient(UUID userId, UUID clientId) {
            return rows.deleteByUserAndApp(userId, clientId);
        }

        static Grant grant(GrantRow r) {
            return new Grant(r.id(), r.appId(), r.userId(), ScopeSet.of(List.of(r.scope())), new ResourceUri(r.resource()),
                    r.codePrefix(), r.createdAt());
        }
    }

    /** {@code oauth2_refresh_token}. */
    @Singleton
    public static final class RefreshTokens implements RefreshTokenRepository {
        private static final String ROTATE_LOCKING_GRANT = "WITH g AS (SELECT * FROM oauth2_grant WHERE id ="
                + " (SELECT grant_id FROM oauth2_refresh_token WHERE prefix = ?) FOR UPDATE),"
                + " rotated AS (UPDATE oauth2_refresh_token t SET rotated_at = ? FROM g"
                + " WHERE t.prefix = ? AND t.grant_id = g.id AND t.rotated_at IS NULL RETURNING t.grant_id),"
                + " successor AS (INSERT INTO oauth2_refresh_token (prefix, token_digest, grant_id, created_at, expires_at)"
                + " SELECT ?, ?, grant_id, ?, ? FROM rotated)"
                + " SELECT r.prefix, r.token_digest, r.grant_id, r.created_at, r.expires_at,"
                + " CASE WHEN EXISTS (SELECT 1 FROM rotated) THEN NULL ELSE coalesce(r.rotated_at, ?) END,"
                + " g.app_id, g.user_id, g.scope, g.resource, g.code_prefix, g.created_at"
                + " FROM g JOIN oauth2_refresh_token r ON r.grant_id = g.id WHERE r.prefix = ?";
        private final RefreshTokenRowRepository rows;
        private final JdbcUnitOfWork unitOfWork;

        RefreshTokens(RefreshTokenRowRepository rows, JdbcUnitOfWork unitOfWork) {
            this.rows = rows;
            this.unitOfWork = unitOfWork;
        }

        @Override
        public void insert(RefreshToken t) {
            rows.insert(new RefreshTokenRow(t.prefix(), t.digest().bytes(), t.grantId(), t.createdAt(), t.expiresAt(),
                    t.rotatedAt().orElse(null)));
        }

        @Override
        public Optional<RefreshToken> findByPrefix(String prefix) {
            return rows.findByPrefix(prefix).map(RefreshTokens::token);
        }

        @Override
        public Optional<OfGrant> findLockingGrant(String prefix) {
            return rows.findLockingGrant(prefix).map(RefreshTokens::ofGrant);
        }

        /**
         * One statement, plain JDBC (the repository interceptor mistakes a SELECT after data-modifying CTEs for a
         * write). CTE {@code g} locks the token's grant (the grant's lock first, as {@link #findLockingGrant});
         * {@code rotated} joins it, so the token's row is written only once the grant is locked, and marks the token
         * rotated if it was not (after a wait for the lock PostgreSQL re-checks the condition on the newest row, so
         * exactly one caller rotates); the successor is inserted only from what {@code rotated} returned. The token
         * is answered as it was, with {@code rotated_at} NULL exactly when this statement rotated it.
         */
        @Override
        public Optional<OfGrant> rotateLockingGrant(String prefix, Instant at, Successor next) {
            return unitOfWork.withConnection(connection -> {
                try (PreparedStatement s = connection.prepareStatement(ROTATE_LOCKING_GRANT)) {
                    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
                    s.setString(1, prefix);
                    s.setObject(2, when);
                    s.setString(3, prefix);
                    s.setString(4, next.prefix());
                    s.setBytes(5, next.digest().bytes());
                    s.setObject(6, when);
                    s.setObject(7, next.expiresAt().atOffset(ZoneOffset.UTC));
                    s.setObject(8, when);
                    s.setString(9, prefix);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() ? Optional.of(ofGrant(new RefreshTokenWithGrantRow(r.getString(1), r.getBytes(2),
                                r.getObject(3, UUID.class), instant(r, 4), instant(r, 5), instant(r, 6),
                                r.getObject(7, UUID.class), r.getObject(8, UUID.class), (String[]) r.getArray(9).getArray(),
                                r.getString(10), r.getString(11), instant(r, 12)))) : Optional.<OfGrant>empty();
                    }
                }
            });
        }

        private static Instant instant(ResultSet r, int column) throws SQLException {
            OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }

        @Override
        public void undoRotation(String prefix, String nextPrefix) {
            rows.undoRotation(prefix, nextPrefix);
        }

        private static OfGrant ofGrant(RefreshTokenWithGrantRow r) {
            return new OfGrant(token(r.token()), Grants.grant(r.grant()));
        }

        private static RefreshToken token(RefreshTokenRow r) {
            return new RefreshToken(r.prefix(), new SecretDigest(r.tokenDigest()), r.grantId(), r.createdAt(), r.expiresAt(),
                    Optional.ofNullable(r.rotatedAt()));
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            return rows.deleteExpiredBefore(cutoff);
        }

        @Override
        public boolean rotate(String prefix, Instant at, RefreshToken next) {
            return rows.rotate(prefix, at, next.prefix(), next.digest().bytes(), next.grantId(), next.createdAt(),
                    next.expiresAt()) == 1;
        }
    }
}

package io.portcullis.adapters.persistence.identity;

import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys in table {@code api_key}. An OAuth access token is only ever inserted by the grant that issues it and
 * read by later requests, so its INSERT is sent with the grant's COMMIT ({@link JdbcUnitOfWork#atCommit}).
 */
@Singleton
public final class JdbcApiKeyRepository implements ApiKeyRepository {
    private static final String INSERT_ACCESS_TOKEN = "INSERT INTO api_key (id, secret_digest, user_id, login_type,"
            + " expires_at, lifetime_seconds, scopes, allow_list, created_at, audience, oauth2_grant_id, oauth2_app_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private final ApiKeyRowRepository rows;
    private final JdbcUnitOfWork unitOfWork;

    JdbcApiKeyRepository(ApiKeyRowRepository rows, JdbcUnitOfWork unitOfWork) {
        this.rows = rows;
        this.unitOfWork = unitOfWork;
    }

    /** Sent with the COMMIT of the issuing transaction (one round trip for both), at once outside one. */
    @Override
    public void insertAccessToken(ApiKey key) {
        if (!key.isAccessToken()) {
            throw new IllegalArgumentException("not an OAuth access token");
        }
        ApiKeyRow r = row(key);
        unitOfWork.atCommit(INSERT_ACCESS_TOKEN, (s, i) -> {
            s.setString(i, r.id());
            s.setBytes(i + 1, r.secretDigest());
            s.setObject(i + 2, r.userId());
            s.setString(i + 3, r.loginType());
            s.setObject(i + 4, r.expiresAt().atOffset(ZoneOffset.UTC));
            s.setLong(i + 5, r.lifetimeSeconds());
            s.setArray(i + 6, s.getConnection().createArrayOf("text", r.scopes()));
            s.setArray(i + 7, s.getConnection().createArrayOf("text", r.allowList()));
            s.setObject(i + 8, r.createdAt().atOffset(ZoneOffset.UTC));
            s.setString(i + 9, r.audience());
            s.setObject(i + 10, r.oauth2GrantId());
            s.setObject(i + 11, r.oauth2AppId());
            return i + 12;
        });
    }

    @Override
    public boolean insert(ApiKey key) {
        if (key.tokenName() == null) {
            // only a name can be taken (unique per owner); an unnamed key (session, OAuth access token) goes in plainly,
            // without the savepoint pair a refusable insert needs inside a transaction
            rows.insert(row(key));
            return true;
        }
        return unitOfWork.insertUnlessDuplicate(() -> rows.insert(row(key)));
    }

    @Override
    public Optional<ApiKey> findById(String id) {
        return rows.findById(id).map(JdbcApiKeyRepository::key);
    }

    @Override
    public Optional<KeyWithOwner> findWithOwner(String id) {
        return rows.findWithOwner(id).map(r -> new KeyWithOwner(key(r.key()),
                r.userId() == null ? null : JdbcUserRepository.user(r.owner())));
    }

    @Override
    public List<ApiKey> listByUser(UUID userId, LoginType loginType) {
        return rows.listByUser(userId, loginType.wire()).stream().map(JdbcApiKeyRepository::key).toList();
    }

    @Override
    public boolean delete(String id) {
        return rows.deleteKey(id) == 1;
    }

    @Override
    public void deleteByUser(UUID userId) {
        rows.deleteByUser(userId);
    }

    @Override
    public int deleteSessions(UUID userId, String exceptKeyId) {
        return rows.deleteSessions(userId, exceptKeyId == null ? "" : exceptKeyId);
    }

    @Override
    public void recordUse(String id, Instant lastUsed, Instant expiresAt) {
        rows.recordUse(id, lastUsed, expiresAt);
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return rows.deleteExpiredBefore(cutoff);
    }

    private static ApiKeyRow row(ApiKey key) {
        return new ApiKeyRow(key.id(), key.secretDigest().bytes(), key.userId(), key.loginType().wire(), key.expiresAt(),
                key.lifetimeSeconds(), key.lastUsed(), key.tokenName(), key.scopes().values().toArray(String[]::new),
                key.allowList().entries().toArray(String[]::new), key.createdAt(),
                key.audience().map(ResourceUri::value).orElse(null), key.grantId().orElse(null), key.clientId().orElse(null));
    }

    private static ApiKey key(ApiKeyRow r) {
        return new ApiKey(r.id(), new SecretDigest(r.secretDigest()), r.userId(), LoginType.fromWire(r.loginType()),
                r.expiresAt(), r.lifetimeSeconds(), r.lastUsed(), r.tokenName(), ScopeSet.of(List.of(r.scopes())),
                AllowList.of(List.of(r.allowList())), r.createdAt(), Optional.ofNullable(r.audience()).map(ResourceUri::new),
                Optional.ofNullable(r.oauth2GrantId()), Optional.ofNullable(r.oauth2AppId()));
    }
}

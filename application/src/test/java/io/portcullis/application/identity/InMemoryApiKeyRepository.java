package io.portcullis.application.identity;

import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.LoginType;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory {@link ApiKeyRepository}; kept honest by {@code ApiKeyRepositoryContract}. */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {
    private final Map<String, ApiKey> keys = new LinkedHashMap<>();
    private final UserRepository users;

    public InMemoryApiKeyRepository(UserRepository users) {
        this.users = users;
    }

    @Override
    public synchronized boolean insert(ApiKey key) {
        boolean nameTaken = key.tokenName() != null && keys.values().stream()
                .anyMatch(k -> java.util.Objects.equals(k.userId(), key.userId()) && key.tokenName().equals(k.tokenName()));
        // a client_credentials token has no user (its client is the oauth context's; not checked here)
        if (nameTaken || keys.containsKey(key.id()) || key.userId() != null && users.findById(key.userId()).isEmpty()) {
            return false;
        }
        keys.put(key.id(), key);
        return true;
    }

    @Override
    public synchronized void insertAccessToken(ApiKey key) {
        if (!key.isAccessToken()) {
            throw new IllegalArgumentException("not an OAuth access token");
        }
        if (!insert(key)) {
            throw new IllegalStateException("access token " + key.id() + " not stored");
        }
    }

    @Override
    public synchronized Optional<ApiKey> findById(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public synchronized Optional<KeyWithOwner> findWithOwner(String id) {
        return findById(id).flatMap(k -> k.actsForClient() ? Optional.of(new KeyWithOwner(k, null))
                : users.findById(k.userId()).map(u -> new KeyWithOwner(k, u)));
    }

    @Override
    public synchronized List<ApiKey> listByUser(UUID userId, LoginType loginType) {
        return keys.values().stream().filter(k -> userId.equals(k.userId()) && k.loginType() == loginType)
                .sorted(Comparator.comparing(ApiKey::createdAt)).toList();
    }

    @Override
    public synchronized boolean delete(String id) {
        return keys.remove(id) != null;
    }

    /** What the database's ON DELETE CASCADE from a grant does. */
    public synchronized void deleteByGrant(UUID grantId) {
        keys.values().removeIf(k -> k.grantId().map(grantId::equals).orElse(false));
    }

    @Override
    public synchronized void deleteByUser(UUID userId) {
        keys.values().removeIf(k -> userId.equals(k.userId()));
    }

    @Override
    public synchronized int deleteSessions(UUID userId, String exceptKeyId) {
        int before = keys.size();
        keys.values().removeIf(k -> userId.equals(k.userId()) && k.loginType().isSession() && !k.id().equals(exceptKeyId));
        return before - keys.size();
    }

    @Override
    public synchronized void recordUse(String id, Instant lastUsed, Instant expiresAt) {
        keys.computeIfPresent(id, (k, v) -> new ApiKey(v.id(), v.secretDigest(), v.userId(), v.loginType(),
                expiresAt.isAfter(v.expiresAt()) ? expiresAt : v.expiresAt(), v.lifetimeSeconds(), lastUsed, v.tokenName(),
                v.scopes(), v.allowList(), v.createdAt(), v.audience(), v.grantId(), v.clientId()));
    }

    /** True while an access token of the grant remains (what the grant purge asks the database). */
    public synchronized boolean anyForGrant(UUID grantId) {
        return keys.values().stream().anyMatch(k -> k.grantId().map(grantId::equals).orElse(false));
    }

    @Override
    public synchronized int deleteExpiredBefore(Instant cutoff) {
        int before = keys.size();
        keys.values().removeIf(k -> k.expiresAt().isBefore(cutoff));
        return before - keys.size();
    }
}

package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.domain.oauth.ClientSecret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ClientSecretRepository} read through a {@link ClientCache} (secrets keyed by prefix); writes go to the store
 * and forget what they change. {@link #touch} forgets too, so the next read sees the new {@code last_used_at} and the
 * once-a-minute write is not repeated from a stale copy.
 */
final class CachedClientSecrets implements ClientSecretRepository {
    private final ClientSecretRepository store;
    private final ClientCache cache;

    CachedClientSecrets(ClientSecretRepository store, ClientCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /** Secrets and clients share the cache's map: a prefix key cannot be mistaken for a client id. */
    private record Prefix(String value) {
    }

    @Override
    public Optional<ClientSecret> findByPrefix(String prefix) {
        return cache.find(new Prefix(prefix), ClientSecret.class, () -> store.findByPrefix(prefix));
    }

    @Override
    public void insert(ClientSecret secret) {
        store.insert(secret);
    }

    @Override
    public List<ClientSecret> listByClient(UUID clientId) {
        return store.listByClient(clientId);
    }

    @Override
    public boolean delete(UUID clientId, UUID secretId) {
        cache.clientChanged(clientId);
        return store.delete(clientId, secretId);
    }

    @Override
    public void touch(UUID secretId, Instant at) {
        store.touch(secretId, at);
        cache.forgetSecret(secretId);
    }
}

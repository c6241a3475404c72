package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.domain.oauth.OAuthClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link OAuthClientRepository} read through a {@link ClientCache}; writes go to the store and forget the entry. */
final class CachedClients implements OAuthClientRepository {
    private final OAuthClientRepository store;
    private final ClientCache cache;

    CachedClients(OAuthClientRepository store, ClientCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Optional<OAuthClient> findById(UUID id) {
        return cache.find(id, OAuthClient.class, () -> store.findById(id));
    }

    @Override
    public void insert(OAuthClient client) {
        store.insert(client);
    }

    @Override
    public List<OAuthClient> list() {
        return store.list();
    }

    @Override
    public void update(OAuthClient client) {
        cache.forget(client.id());
        store.update(client);
    }

    @Override
    public boolean delete(UUID id) {
        cache.clientChanged(id);
        return store.delete(id);
    }

    @Override
    public void saveDocumentClient(OAuthClient client) {
        cache.forget(client.id());
        store.saveDocumentClient(client);
    }

    @Override
    public int deleteUnusedSelfRegisteredBefore(Instant cutoff) {
        cache.everythingChanged();
        return store.deleteUnusedSelfRegisteredBefore(cutoff);
    }
}

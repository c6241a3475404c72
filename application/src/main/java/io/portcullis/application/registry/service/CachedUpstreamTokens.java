package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.domain.registry.UpstreamToken;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' upstream tokens as the gateway reads them: {@link #find} served from {@link RegistryCache} when it holds
 * the token (secrets already opened); the locking read always goes to the store, and every change made through here
 * drops this replica's cached copy at once.
 */
public final class CachedUpstreamTokens implements UpstreamTokenRepository {
    private final UpstreamTokenRepository store;
    private final RegistryCache cache;

    public CachedUpstreamTokens(UpstreamTokenRepository store, RegistryCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Optional<UpstreamToken> find(UUID serverId, UUID userId) {
        return cache.token(serverId, userId, () -> store.find(serverId, userId));
    }

    @Override
    public void save(UpstreamToken token) {
        try {
            store.save(token);
        } finally {
            cache.tokenChanged(token.serverId(), token.userId());
        }
    }

    @Override
    public Optional<UpstreamToken> findForUpdate(UUID serverId, UUID userId) {
        return store.findForUpdate(serverId, userId);
    }

    @Override
    public List<UpstreamToken> listByUser(UUID userId) {
        return store.listByUser(userId);
    }

    @Override
    public boolean delete(UUID serverId, UUID userId) {
        try {
            return store.delete(serverId, userId);
        } finally {
            cache.tokenChanged(serverId, userId);
        }
    }

    @Override
    public void deleteByServer(UUID serverId) {
        try {
            store.deleteByServer(serverId);
        } finally {
            cache.serverChanged(serverId);
        }
    }

    @Override
    public void markStepUp(UUID serverId, UUID userId, String scope) {
        try {
            store.markStepUp(serverId, userId, scope);
        } finally {
            cache.tokenChanged(serverId, userId);
        }
    }
}

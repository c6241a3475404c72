package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.domain.registry.McpServerConfig;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The server store as the gateway reads it: look-ups by slug and id served from {@link RegistryCache} when it holds
 * them; changes made through here also drop this replica's cached copy at once (other replicas hear of them from
 * the store's change reports).
 */
public final class CachedMcpServers implements McpServerRepository {
    private final McpServerRepository store;
    private final RegistryCache cache;

    public CachedMcpServers(McpServerRepository store, RegistryCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Optional<McpServerConfig> findBySlug(String slug) {
        return cache.serverBySlug(slug, () -> store.findBySlug(slug));
    }

    @Override
    public Optional<McpServerConfig> findById(UUID id) {
        return cache.serverById(id, () -> store.findById(id));
    }

    @Override
    public boolean insert(McpServerConfig config) {
        return store.insert(config);
    }

    @Override
    public boolean update(McpServerConfig config) {
        try {
            return store.update(config);
        } finally {
            cache.serverChanged(config.id());
        }
    }

    @Override
    public List<McpServerConfig> list() {
        return store.list();
    }

    @Override
    public boolean delete(UUID id) {
        try {
            return store.delete(id);
        } finally {
            cache.serverChanged(id);
        }
    }
}

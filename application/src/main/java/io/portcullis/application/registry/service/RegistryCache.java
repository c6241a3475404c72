package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.in.CachedRegistryUseCase;
import io.portcullis.application.registry.port.out.RegistryChangesPort;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamToken;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * This replica's memory of MCP server configurations (by slug and by id) and of users' upstream tokens, secrets
 * opened, for the gateway (PRODUCT §10). Trusted only while the store's change reports are received: until
 * {@link #listening()}, and from {@link #interrupted()} on, every read goes to the store and nothing is kept. Every
 * change report, and every change made through {@link CachedMcpServers} / {@link CachedUpstreamTokens} here, drops
 * what it concerns; a value read from the store before such a change is not kept (the {@code changes} stamp).
 * Misses are not remembered. At most {@code maxEntries} values per kind.
 */
public final class RegistryCache implements RegistryChangesPort.Listener, CachedRegistryUseCase {
    private final Map<String, McpServerConfig> bySlug = new ConcurrentHashMap<>();
    private final Map<UUID, McpServerConfig> byId = new ConcurrentHashMap<>();
    private final Map<TokenKey, UpstreamToken> tokens = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final int maxEntries;
    private final Clock clock;
    private volatile boolean listening;

    private record TokenKey(UUID serverId, UUID userId) {
    }

    /** {@code maxEntries} 0 turns caching off. */
    public RegistryCache(int maxEntries, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    Optional<McpServerConfig> serverBySlug(String slug, Supplier<Optional<McpServerConfig>> store) {
        return readThrough(bySlug, slug, store);
    }

    Optional<McpServerConfig> serverById(UUID id, Supplier<Optional<McpServerConfig>> store) {
        return readThrough(byId, id, store);
    }

    Optional<UpstreamToken> token(UUID serverId, UUID userId, Supplier<Optional<UpstreamToken>> store) {
        return readThrough(tokens, new TokenKey(serverId, userId), store);
    }

    @Override
    public boolean holds(String slug, UUID userId) {
        if (!listening) {
            return false;
        }
        McpServerConfig server = bySlug.get(slug);
        if (server == null || !server.enabled()) {
            return server != null; // a disabled server is refused from memory
        }
        if (!byId.containsKey(server.id())) {
            return false;
        }
        return switch (server.authType()) {
            case NONE, API_KEY, CUSTOM_HEADERS -> true;
            case OAUTH2 -> {
                UpstreamToken token = tokens.get(new TokenKey(server.id(), userId));
                yield token != null && !token.needsRefresh(clock.instant());
            }
            default -> false;
        };
    }

    private <K, V> Optional<V> readThrough(Map<K, V> map, K key, Supplier<Optional<V>> store) {
        if (!listening) {
            return store.get();
        }
        V held = map.get(key);
        if (held != null) {
            return Optional.of(held);
        }
        long stamp = changes.get();
        Optional<V> read = store.get();
        if (read.isPresent() && maxEntries > 0 && listening && changes.get() == stamp) {
            if (map.size() >= maxEntries) {
                map.clear(); // rare (more servers or connected users than entries): start over rather than track age
            }
            map.put(key, read.get());
            if (changes.get() != stamp || !listening) {
                map.remove(key, read.get()); // a change arrived while this was added: it may concern this value
            }
        }
        return read;
    }

    @Override
    public void serverChanged(UUID serverId) {
        changes.incrementAndGet();
        byId.remove(serverId);
        bySlug.values().removeIf(c -> c.id().equals(serverId));
        tokens.keySet().removeIf(k -> k.serverId().equals(serverId));
    }

    @Override
    public void tokenChanged(UUID serverId, UUID userId) {
        changes.incrementAndGet();
        tokens.remove(new TokenKey(serverId, userId));
    }

    @Override
    public void everythingChanged() {
        changes.incrementAndGet();
        bySlug.clear();
        byId.clear();
        tokens.clear();
    }

    @Override
    public void listening() {
        everythingChanged(); // whatever was missed before is not in here
        listening = true;
    }

    @Override
    public void interrupted() {
        listening = false;
        everythingChanged();
    }

    /** How many values are held (tests). */
    public int size() {
        return bySlug.size() + byId.size() + tokens.size();
    }
}

package io.portcullis.application.registry;

import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamAuthState;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.SecretDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory registry stores with the database's uniqueness and cascades; kept honest by RegistryRepositoriesContract. */
public final class InMemoryRegistryStore {
    private final Object lock = new Object();
    private final Map<UUID, McpServerConfig> serverRows = new LinkedHashMap<>();
    private final Map<String, UpstreamToken> tokenRows = new LinkedHashMap<>();
    private final Map<SecretDigest, UpstreamAuthState> stateRows = new LinkedHashMap<>();

    private static String key(UUID server, UUID user) {
        return server + "/" + user;
    }

    public final McpServerRepository servers = new McpServerRepository() {
        @Override
        public boolean insert(McpServerConfig config) {
            synchronized (lock) {
                if (serverRows.values().stream().anyMatch(s -> s.slug().equals(config.slug()))) {
                    return false;
                }
                serverRows.put(config.id(), config);
                return true;
            }
        }

        @Override
        public boolean update(McpServerConfig config) {
            synchronized (lock) {
                if (!serverRows.containsKey(config.id()) || serverRows.values().stream()
                        .anyMatch(s -> s.slug().equals(config.slug()) && !s.id().equals(config.id()))) {
                    return false;
                }
                serverRows.put(config.id(), config);
                return true;
            }
        }

        @Override
        public Optional<McpServerConfig> findById(UUID id) {
            synchronized (lock) {
                return Optional.ofNullable(serverRows.get(id));
            }
        }

        @Override
        public Optional<McpServerConfig> findBySlug(String slug) {
            synchronized (lock) {
                return serverRows.values().stream().filter(s -> s.slug().equals(slug)).findFirst();
            }
        }

        @Override
        public List<McpServerConfig> list() {
            synchronized (lock) {
                List<McpServerConfig> out = new ArrayList<>(serverRows.values());
                out.sort(Comparator.comparing(McpServerConfig::displayName).thenComparing(McpServerConfig::slug));
                return out;
            }
        }

        @Override
        public boolean delete(UUID id) {
            synchronized (lock) {
                tokenRows.values().removeIf(t -> t.serverId().equals(id));
                stateRows.values().removeIf(s -> s.serverId().equals(id));
                return serverRows.remove(id) != null;
            }
        }
    };

    public final UpstreamTokenRepository tokens = new UpstreamTokenRepository() {
        @Override
        public void save(UpstreamToken token) {
            synchronized (lock) {
                tokenRows.put(key(token.serverId(), token.userId()), token);
            }
        }

        @Override
        public Optional<UpstreamToken> find(UUID serverId, UUID userId) {
            synchronized (lock) {
                return Optional.ofNullable(tokenRows.get(key(serverId, userId)));
            }
        }

        @Override
        public Optional<UpstreamToken> findForUpdate(UUID serverId, UUID userId) {
            // callers serialise on the store's lock through UpstreamTokenRefresher's unit of work in tests
            return find(serverId, userId);
        }

        @Override
        public List<UpstreamToken> listByUser(UUID userId) {
            synchronized (lock) {
                return tokenRows.values().stream().filter(t -> t.userId().equals(userId)).toList();
            }
        }

        @Override
        public boolean delete(UUID serverId, UUID userId) {
            synchronized (lock) {
                return tokenRows.remove(key(serverId, userId)) != null;
            }
        }

        @Override
        public void deleteByServer(UUID serverId) {
            synchronized (lock) {
                tokenRows.values().removeIf(t -> t.serverId().equals(serverId));
            }
        }

        @Override
        public void markStepUp(UUID serverId, UUID userId, String scope) {
            synchronized (lock) {
                tokenRows.computeIfPresent(key(serverId, userId), (k, t) -> new UpstreamToken(t.serverId(), t.userId(),
                        t.accessToken(), t.refreshToken(), t.tokenType(), t.expiresAt(), t.updatedAt(), t.scope(),
                        Optional.of(scope)));
            }
        }
    };

    public final UpstreamAuthStateRepository states = new UpstreamAuthStateRepository() {
        @Override
        public void insert(UpstreamAuthState state) {
            synchronized (lock) {
                stateRows.put(state.stateDigest(), state);
            }
        }

        @Override
        public Optional<UpstreamAuthState> take(SecretDigest stateDigest) {
            synchronized (lock) {
                return Optional.ofNullable(stateRows.remove(stateDigest));
            }
        }

        @Override
        public int deleteExpiredBefore(java.time.Instant cutoff) {
            synchronized (lock) {
                int before = stateRows.size();
                stateRows.values().removeIf(s -> s.expiresAt().isBefore(cutoff));
                return before - stateRows.size();
            }
        }
    };
}

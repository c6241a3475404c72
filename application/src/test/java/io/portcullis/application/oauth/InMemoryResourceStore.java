package io.portcullis.application.oauth;

import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import io.portcullis.application.oauth.port.out.SigningKeyRepository;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.oauth.ResourceAccessToken;
import io.portcullis.domain.oauth.SigningKey;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * In-memory stores of PRODUCT §7 beside an {@link InMemoryOAuthStore}: a token whose grant or client is gone is gone
 * too (the database's cascades). Kept honest by {@code ResourceRepositoriesContract}.
 */
public final class InMemoryResourceStore {
    private final Object lock = new Object();
    private final InMemoryOAuthStore oauth;
    private final Map<UUID, RegisteredResource> resourceRows = new LinkedHashMap<>();
    private final Map<UUID, ResourceAccessToken> tokenRows = new LinkedHashMap<>();
    private final Map<String, SigningKey> keyRows = new LinkedHashMap<>();

    public final RegisteredResourceRepository resources = new Resources();
    public final ResourceAccessTokenRepository tokens = new Tokens();
    public final SigningKeyRepository signingKeys = new Keys();

    public InMemoryResourceStore(InMemoryOAuthStore oauth) {
        this.oauth = oauth;
    }

    private final class Resources implements RegisteredResourceRepository {
        @Override
        public boolean insert(RegisteredResource r) {
            synchronized (lock) {
                if (findByResource(r.resource()).isPresent()) {
                    return false;
                }
                resourceRows.put(r.id(), r);
                return true;
            }
        }

        @Override
        public boolean update(RegisteredResource r) {
            synchronized (lock) {
                if (!resourceRows.containsKey(r.id())
                        || findByResource(r.resource()).filter(o -> !o.id().equals(r.id())).isPresent()) {
                    return false;
                }
                resourceRows.put(r.id(), r);
                return true;
            }
        }

        @Override
        public Optional<RegisteredResource> findById(UUID id) {
            synchronized (lock) {
                return Optional.ofNullable(resourceRows.get(id));
            }
        }

        @Override
        public Optional<RegisteredResource> findByResource(ResourceUri resource) {
            synchronized (lock) {
                return resourceRows.values().stream().filter(r -> r.resource().equals(resource)).findFirst();
            }
        }

        @Override
        public List<RegisteredResource> list() {
            synchronized (lock) {
                return List.copyOf(resourceRows.values());
            }
        }

        @Override
        public boolean delete(UUID id) {
            synchronized (lock) {
                return resourceRows.remove(id) != null;
            }
        }
    }

    private final class Tokens implements ResourceAccessTokenRepository {
        @Override
        public void insert(ResourceAccessToken t) {
            synchronized (lock) {
                tokenRows.put(t.id(), t);
            }
        }

        @Override
        public Optional<ResourceAccessToken> findById(UUID id) {
            synchronized (lock) {
                return Optional.ofNullable(tokenRows.get(id)).filter(InMemoryResourceStore.this::cascadeAlive);
            }
        }

        @Override
        public Optional<ResourceAccessToken> findByPrefix(String prefix) {
            synchronized (lock) {
                return tokenRows.values().stream().filter(t -> t.prefix().equals(Optional.of(prefix))).findFirst()
                        .filter(InMemoryResourceStore.this::cascadeAlive);
            }
        }

        @Override
        public boolean delete(UUID id) {
            synchronized (lock) {
                return tokenRows.remove(id) != null;
            }
        }

        @Override
        public int deleteIssuedFor(ResourceUri audience) {
            synchronized (lock) {
                int before = tokenRows.size();
                tokenRows.values().removeIf(t -> t.audience().equals(audience));
                return oauth.deleteGrantsByResource(audience) + before - tokenRows.size();
            }
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            synchronized (lock) {
                int before = tokenRows.size();
                tokenRows.values().removeIf(t -> t.expiresAt().isBefore(cutoff));
                return before - tokenRows.size();
            }
        }
    }

    /** ON DELETE CASCADE from the client and the grant. */
    private boolean cascadeAlive(ResourceAccessToken t) {
        return oauth.clients.findById(t.clientId()).isPresent()
                && t.grantId().map(g -> oauth.grants.findById(g).isPresent()).orElse(true);
    }

    private final class Keys implements SigningKeyRepository {
        @Override
        public List<SigningKey> list() {
            synchronized (lock) {
                return new ArrayList<>(keyRows.values());
            }
        }

        @Override
        public boolean insertFirst(SigningKey key) {
            synchronized (lock) {
                if (!keyRows.isEmpty()) {
                    return false;
                }
                keyRows.put(key.kid(), key);
                return true;
            }
        }

        @Override
        public void save(List<SigningKey> keys) {
            synchronized (lock) {
                keys.forEach(k -> keyRows.put(k.kid(), k));
            }
        }
    }
}

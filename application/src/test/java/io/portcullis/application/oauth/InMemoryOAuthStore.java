package io.portcullis.application.oauth;

import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.RefreshToken;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * In-memory OAuth stores sharing one lock and the database's cascades (client → secrets, codes, grants;
 * grant → refresh tokens and access tokens). Kept honest by {@code OAuthRepositoriesContract}.
 */
public final class InMemoryOAuthStore {
    private final Object lock = new Object();
    private final Map<UUID, OAuthClient> clientRows = new LinkedHashMap<>();
    private final Map<String, ClientSecret> secretRows = new LinkedHashMap<>();
    private final Map<String, AuthorizationCode> codeRows = new LinkedHashMap<>();
    private final Map<UUID, Grant> grantRows = new LinkedHashMap<>();
    private final Map<String, RefreshToken> refreshRows = new LinkedHashMap<>();
    private final InMemoryApiKeyRepository keys;

    public final OAuthClientRepository clients = new Clients();
    public final ClientSecretRepository secrets = new Secrets();
    public final AuthorizationCodeRepository codes = new Codes();
    public final GrantRepository grants = new Grants();
    public final RefreshTokenRepository refreshTokens = new RefreshTokens();

    public InMemoryOAuthStore(InMemoryApiKeyRepository keys) {
        this.keys = keys;
    }

    /** What {@code DELETE FROM oauth2_grant WHERE resource = ?} does (a registered resource was deleted or moved). */
    public int deleteGrantsByResource(io.portcullis.domain.shared.ResourceUri resource) {
        synchronized (lock) {
            List<UUID> ids = grantRows.values().stream().filter(g -> g.resource().equals(resource)).map(Grant::id).toList();
            ids.forEach(this::deleteGrant);
            return ids.size();
        }
    }

    private void deleteGrant(UUID id) {
        grantRows.remove(id);
        refreshRows.values().removeIf(t -> t.grantId().equals(id));
        keys.deleteByGrant(id);
    }

    private final class Clients implements OAuthClientRepository {
        @Override
        public void insert(OAuthClient client) {
            synchronized (lock) {
                clientRows.put(client.id(), client);
            }
        }

        @Override
        public Optional<OAuthClient> findById(UUID id) {
            synchronized (lock) {
                return Optional.ofNullable(clientRows.get(id));
            }
        }

        @Override
        public int deleteUnusedSelfRegisteredBefore(Instant cutoff) {
            synchronized (lock) {
                List<UUID> ids = clientRows.values().stream()
                        .filter(c -> (c.dynamicallyRegistered() || c.document().isPresent()) && c.updatedAt().isBefore(cutoff))
                        .filter(c -> grantRows.values().stream().noneMatch(g -> g.clientId().equals(c.id())))
                        .filter(c -> codeRows.values().stream().noneMatch(k -> k.clientId().equals(c.id())))
                        .map(OAuthClient::id).toList();
                ids.forEach(clientRows::remove);
                return ids.size();
            }
        }

        @Override
        public void saveDocumentClient(OAuthClient client) {
            synchronized (lock) {
                clientRows.merge(client.id(), client, (old, next) -> new OAuthClient(old.id(), next.metadata(),
                        old.registrationTokenDigest(), old.dynamicallyRegistered(), old.createdAt(), next.updatedAt(),
                        next.document()));
            }
        }

        @Override
        public List<OAuthClient> list() {
            synchronized (lock) {
                return clientRows.values().stream().sorted(Comparator.comparing(OAuthClient::createdAt)).toList();
            }
        }

        @Override
        public void update(OAuthClient client) {
            synchronized (lock) {
                clientRows.computeIfPresent(client.id(), (k, v) -> new OAuthClient(v.id(), client.metadata(),
                        v.registrationTokenDigest(), v.dynamicallyRegistered(), v.createdAt(), client.updatedAt()));
            }
        }

        @Override
        public boolean delete(UUID id) {
            synchronized (lock) {
                secretRows.values().removeIf(s -> s.clientId().equals(id));
                codeRows.values().removeIf(c -> c.clientId().equals(id));
                grantRows.values().stream().filter(g -> g.clientId().equals(id)).map(Grant::id).toList()
                        .forEach(InMemoryOAuthStore.this::deleteGrant);
                return clientRows.remove(id) != null;
            }
        }
    }

    private final class Secrets implements ClientSecretRepository {
        @Override
        public void insert(ClientSecret secret) {
            synchronized (lock) {
                secretRows.put(secret.prefix(), secret);
            }
        }

        @Override
        public Optional<ClientSecret> findByPrefix(String prefix) {
            synchronized (lock) {
                return Optional.ofNullable(secretRows.get(prefix));
            }
        }

        @Override
        public List<ClientSecret> listByClient(UUID clientId) {
            synchronized (lock) {
                return secretRows.values().stream().filter(s -> s.clientId().equals(clientId))
                        .sorted(Comparator.comparing(ClientSecret::createdAt)).toList();
            }
        }

        @Override
        public boolean delete(UUID clientId, UUID secretId) {
            synchronized (lock) {
                return secretRows.values().removeIf(s -> s.clientId().equals(clientId) && s.id().equals(secretId));
            }
        }

        @Override
        public void touch(UUID secretId, Instant at) {
            synchronized (lock) {
                secretRows.replaceAll((k, s) -> s.id().equals(secretId) ? new ClientSecret(s.id(), s.clientId(), s.prefix(),
                        s.digest(), s.displaySuffix(), s.createdAt(), at) : s);
            }
        }
    }

    private final class Codes implements AuthorizationCodeRepository {
        @Override
        public void insert(AuthorizationCode code) {
            synchronized (lock) {
                codeRows.put(code.prefix(), code);
            }
        }

        @Override
        public Optional<AuthorizationCode> findByPrefix(String prefix) {
            synchronized (lock) {
                return Optional.ofNullable(codeRows.get(prefix));
            }
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            synchronized (lock) {
                int before = codeRows.size();
                codeRows.values().removeIf(c -> c.expiresAt().isBefore(cutoff));
                return before - codeRows.size();
            }
        }

        @Override
        public Optional<AuthorizationCode> findLocking(String prefix) {
            return findByPrefix(prefix);
        }

        @Override
        public boolean redeem(String prefix, Instant at, Grant grant, Optional<RefreshToken> firstRefreshToken) {
            synchronized (lock) {
                AuthorizationCode c = codeRows.get(prefix);
                if (c == null || c.usedAt().isPresent()) {
                    return false;
                }
                codeRows.put(prefix, new AuthorizationCode(c.prefix(), c.digest(), c.clientId(), c.userId(), c.redirectUri(),
                        c.challenge(), c.scope(), c.resource(), c.resourceSent(), c.createdAt(), c.expiresAt(), Optional.of(at)));
                grantRows.put(grant.id(), grant);
                firstRefreshToken.ifPresent(t -> refreshRows.put(t.prefix(), t));
                return true;
            }
        }
    }

    private final class Grants implements GrantRepository {
        @Override
        public void insert(Grant grant) {
            synchronized (lock) {
                grantRows.put(grant.id(), grant);
            }
        }

        @Override
        public Optional<Grant> findById(UUID id) {
            synchronized (lock) {
                return Optional.ofNullable(grantRows.get(id));
            }
        }

        @Override
        public Optional<Grant> findLocking(UUID id) {
            return findById(id);
        }

        @Override
        public List<Grant> listByUser(UUID userId) {
            synchronized (lock) {
                return grantRows.values().stream().filter(g -> g.userId().equals(userId))
                        .sorted(Comparator.comparing(Grant::createdAt)).toList();
            }
        }

        @Override
        public List<Grant> listRecent(int limit) {
            synchronized (lock) {
                return grantRows.values().stream().sorted(Comparator.comparing(Grant::createdAt).reversed()).limit(limit)
                        .toList();
            }
        }

        @Override
        public boolean delete(UUID id) {
            synchronized (lock) {
                boolean existed = grantRows.containsKey(id);
                deleteGrant(id);
                return existed;
            }
        }

        @Override
        public void deleteByCodePrefix(String codePrefix) {
            synchronized (lock) {
                grantRows.values().stream().filter(g -> g.codePrefix().equals(codePrefix)).map(Grant::id).toList()
                        .forEach(InMemoryOAuthStore.this::deleteGrant);
            }
        }

        @Override
        public int deleteExhaustedBefore(Instant cutoff) {
            synchronized (lock) {
                List<UUID> ids = grantRows.values().stream().filter(g -> g.createdAt().isBefore(cutoff))
                        .filter(g -> refreshRows.values().stream().noneMatch(t -> t.grantId().equals(g.id())))
                        .filter(g -> !keys.anyForGrant(g.id())).map(Grant::id).toList();
                ids.forEach(grantRows::remove);
                return ids.size();
            }
        }

        @Override
        public int deleteByUserAndClient(UUID userId, UUID clientId) {
            synchronized (lock) {
                List<UUID> ids = grantRows.values().stream().filter(g -> g.userId().equals(userId) && g.clientId().equals(clientId))
                        .map(Grant::id).toList();
                ids.forEach(InMemoryOAuthStore.this::deleteGrant);
                return ids.size();
            }
        }
    }

    private final class RefreshTokens implements RefreshTokenRepository {
        @Override
        public void insert(RefreshToken token) {
            synchronized (lock) {
                refreshRows.put(token.prefix(), token);
            }
        }

        @Override
        public Optional<RefreshToken> findByPrefix(String prefix) {
            synchronized (lock) {
                return Optional.ofNullable(refreshRows.get(prefix));
            }
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            synchronized (lock) {
                int before = refreshRows.size();
                refreshRows.values().removeIf(t -> t.expiresAt().isBefore(cutoff));
                return before - refreshRows.size();
            }
        }

        @Override
        public Optional<OfGrant> findLockingGrant(String prefix) {
            synchronized (lock) {
                RefreshToken t = refreshRows.get(prefix);
                return t == null ? Optional.empty() : Optional.ofNullable(grantRows.get(t.grantId())).map(g -> new OfGrant(t, g));
            }
        }

        @Override
        public Optional<OfGrant> rotateLockingGrant(String prefix, Instant at, Successor next) {
            synchronized (lock) {
                Optional<OfGrant> held = findLockingGrant(prefix);
                if (held.isEmpty()) {
                    return held;
                }
                RefreshToken t = held.get().token();
                if (!rotate(prefix, at, new RefreshToken(next.prefix(), next.digest(), t.grantId(), at, next.expiresAt(),
                        Optional.empty()))) {
                    return Optional.of(new OfGrant(new RefreshToken(t.prefix(), t.digest(), t.grantId(), t.createdAt(),
                            t.expiresAt(), Optional.of(t.rotatedAt().orElse(at))), held.get().grant()));
                }
                return held;
            }
        }

        @Override
        public void undoRotation(String prefix, String nextPrefix) {
            synchronized (lock) {
                RefreshToken t = refreshRows.get(prefix);
                if (t != null) {
                    refreshRows.put(prefix, new RefreshToken(t.prefix(), t.digest(), t.grantId(), t.createdAt(),
                            t.expiresAt(), Optional.empty()));
                }
                refreshRows.remove(nextPrefix);
            }
        }

        @Override
        public boolean rotate(String prefix, Instant at, RefreshToken next) {
            synchronized (lock) {
                RefreshToken t = refreshRows.get(prefix);
                if (t == null || t.rotatedAt().isPresent()) {
                    return false;
                }
                refreshRows.put(prefix, new RefreshToken(t.prefix(), t.digest(), t.grantId(), t.createdAt(), t.expiresAt(),
                        Optional.of(at)));
                refreshRows.put(next.prefix(), next);
                return true;
            }
        }
    }
}

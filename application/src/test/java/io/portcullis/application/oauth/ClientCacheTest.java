package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.service.ClientCache;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.shared.Result;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Clients and secrets read once while changes are reported, read again after any change or while not listening. */
class ClientCacheTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final InMemoryOAuthStore store = new InMemoryOAuthStore(
            new io.portcullis.application.identity.InMemoryApiKeyRepository(new io.portcullis.application.identity.InMemoryUserRepository()));
    private final AtomicInteger clientReads = new AtomicInteger();
    private final AtomicInteger secretReads = new AtomicInteger();
    private final ClientCache cache = new ClientCache(100);
    private final OAuthClientRepository clients = cache.clients(counting(store.clients));
    private final ClientSecretRepository secrets = cache.secrets(countingSecrets(store.secrets));
    private final OAuthClient client = client("one");
    private final ClientSecret secret = secret(client.id());

    ClientCacheTest() {
        store.clients.insert(client);
        store.secrets.insert(secret);
    }

    @Test
    void findWhenListeningThenStoreReadOnceUntilTheClientChanges() {
        cache.listening();
        for (int i = 0; i < 3; i++) {
            assertThat(clients.findById(client.id())).contains(client);
            assertThat(secrets.findByPrefix(secret.prefix())).contains(secret);
        }
        assertThat(clientReads).hasValue(1);
        assertThat(secretReads).hasValue(1);

        cache.clientChanged(client.id()); // reported by the store, e.g. another replica deleted the secret
        store.secrets.delete(client.id(), secret.id());
        assertThat(secrets.findByPrefix(secret.prefix())).isEmpty();
        assertThat(clients.findById(client.id())).contains(client);
        assertThat(clientReads).hasValue(2);
    }

    @Test
    void findWhenNotListeningOrInterruptedThenAlwaysFromTheStore() {
        clients.findById(client.id());
        clients.findById(client.id());
        assertThat(clientReads).hasValue(2);
        cache.listening();
        clients.findById(client.id());
        cache.interrupted();
        clients.findById(client.id());
        assertThat(clientReads).hasValue(4);
        assertThat(cache.size()).isZero();
    }

    @Test
    void writeWhenThroughTheCacheThenForgottenOnThisReplicaAtOnce() {
        cache.listening();
        secrets.findByPrefix(secret.prefix());
        assertThat(secrets.delete(client.id(), secret.id())).isTrue();
        assertThat(secrets.findByPrefix(secret.prefix())).isEmpty();

        clients.findById(client.id());
        OAuthClient renamed = new OAuthClient(client.id(), client("renamed").metadata(), Optional.empty(), false, NOW, NOW);
        clients.update(renamed);
        assertThat(clients.findById(client.id()).orElseThrow().metadata().clientName()).isEqualTo("renamed");
    }

    @Test
    void touchWhenSecretUsedThenNextReadSeesTheNewLastUsed() {
        cache.listening();
        secrets.findByPrefix(secret.prefix());
        secrets.touch(secret.id(), NOW.plusSeconds(120));
        assertThat(secrets.findByPrefix(secret.prefix()).orElseThrow().lastUsedAt()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void findWhenAChangeArrivesDuringTheReadThenTheReadIsNotKept() {
        cache.listening();
        OAuthClientRepository racing = cache.clients(new Delegating(store.clients) {
            @Override
            public Optional<OAuthClient> findById(UUID id) {
                clientReads.incrementAndGet();
                Optional<OAuthClient> found = store.clients.findById(id);
                cache.clientChanged(id); // committed elsewhere after this read
                return found;
            }
        });
        racing.findById(client.id());
        racing.findById(client.id());
        assertThat(clientReads).hasValue(2);
    }

    private static OAuthClient client(String name) {
        Result<ClientMetadata, ?> metadata = ClientMetadata.validate(new ClientMetadata.Raw(name, List.of("https://a.example/cb"),
                "client_secret_basic", null, null, null, null, null, null, null, null, null, null, null));
        return new OAuthClient(UUID.nameUUIDFromBytes(new byte[] {1}), metadata.value(), Optional.empty(), false, NOW, NOW);
    }

    private static ClientSecret secret(UUID clientId) {
        PrefixedSecret p = PrefixedSecret.mint(n -> new byte[n]);
        return new ClientSecret(UUID.nameUUIDFromBytes(new byte[] {2}), clientId, p.prefix(), p.digest(), "abcd", NOW, null);
    }

    private OAuthClientRepository counting(OAuthClientRepository inner) {
        return new Delegating(inner) {
            @Override
            public Optional<OAuthClient> findById(UUID id) {
                clientReads.incrementAndGet();
                return inner.findById(id);
            }
        };
    }

    private ClientSecretRepository countingSecrets(ClientSecretRepository inner) {
        return new ClientSecretRepository() {
            @Override
            public void insert(ClientSecret s) {
                inner.insert(s);
            }

            @Override
            public Optional<ClientSecret> findByPrefix(String prefix) {
                secretReads.incrementAndGet();
                return inner.findByPrefix(prefix);
            }

            @Override
            public List<ClientSecret> listByClient(UUID clientId) {
                return inner.listByClient(clientId);
            }

            @Override
            public boolean delete(UUID clientId, UUID secretId) {
                return inner.delete(clientId, secretId);
            }

            @Override
            public void touch(UUID secretId, Instant at) {
                inner.touch(secretId, at);
            }
        };
    }

    private static class Delegating implements OAuthClientRepository {
        private final OAuthClientRepository inner;

        Delegating(OAuthClientRepository inner) {
            this.inner = inner;
        }

        @Override
        public void insert(OAuthClient c) {
            inner.insert(c);
        }

        @Override
        public Optional<OAuthClient> findById(UUID id) {
            return inner.findById(id);
        }

        @Override
        public List<OAuthClient> list() {
            return inner.list();
        }

        @Override
        public void update(OAuthClient c) {
            inner.update(c);
        }

        @Override
        public boolean delete(UUID id) {
            return inner.delete(id);
        }

        @Override
        public void saveDocumentClient(OAuthClient c) {
            inner.saveDocumentClient(c);
        }

        @Override
        public int deleteUnusedSelfRegisteredBefore(Instant cutoff) {
            return inner.deleteUnusedSelfRegisteredBefore(cutoff);
        }
    }
}

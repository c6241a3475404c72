package io.portcullis.application.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.registry.service.CachedMcpServers;
import io.portcullis.application.registry.service.CachedUpstreamTokens;
import io.portcullis.application.registry.service.RegistryCache;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gateway's memory of servers and upstream tokens: served while change reports arrive, dropped on each change. */
class RegistryCacheTest {
    private final MutableClock clock = MutableClock.startingAt("2026-06-01T00:00:00Z");
    private final InMemoryRegistryStore store = new InMemoryRegistryStore();
    private final AtomicInteger serverReads = new AtomicInteger();
    private final AtomicInteger tokenReads = new AtomicInteger();
    private final RegistryCache cache = new RegistryCache(100, clock);
    private final McpServerRepository servers = new CachedMcpServers(counting(store.servers), cache);
    private final UpstreamTokenRepository tokens = new CachedUpstreamTokens(countingTokens(store.tokens), cache);
    private final UUID user = UUID.randomUUID();

    private McpServerRepository counting(McpServerRepository inner) {
        return new McpServerRepository() {
            public boolean insert(McpServerConfig c) {
                return inner.insert(c);
            }

            public boolean update(McpServerConfig c) {
                return inner.update(c);
            }

            public Optional<McpServerConfig> findById(UUID id) {
                serverReads.incrementAndGet();
                return inner.findById(id);
            }

            public List<McpServerConfig> list() {
                return inner.list();
            }

            public boolean delete(UUID id) {
                return inner.delete(id);
            }

            public Optional<McpServerConfig> findBySlug(String slug) {
                serverReads.incrementAndGet();
                return inner.findBySlug(slug);
            }
        };
    }

    private UpstreamTokenRepository countingTokens(UpstreamTokenRepository inner) {
        return new UpstreamTokenRepository() {
            public void save(UpstreamToken t) {
                inner.save(t);
            }

            public Optional<UpstreamToken> find(UUID s, UUID u) {
                tokenReads.incrementAndGet();
                return inner.find(s, u);
            }

            public List<UpstreamToken> listByUser(UUID u) {
                return inner.listByUser(u);
            }

            public boolean delete(UUID s, UUID u) {
                return inner.delete(s, u);
            }

            public void deleteByServer(UUID s) {
                inner.deleteByServer(s);
            }

            public Optional<UpstreamToken> findForUpdate(UUID s, UUID u) {
                return inner.findForUpdate(s, u);
            }

            public void markStepUp(UUID s, UUID u, String scope) {
                inner.markStepUp(s, u, scope);
            }
        };
    }

    private McpServerConfig server(String slug, McpServerConfig.AuthType auth) {
        McpServerConfig c = new McpServerConfig(UUID.randomUUID(), "Tools", slug, "", "", McpServerConfig.Transport.STREAMABLE_HTTP,
                "https://up.example/mcp", auth, "", Optional.empty(), "", "", "", "X-Api-Key", Optional.of("k-1"), Map.of(),
                List.of(), List.of(), McpServerConfig.Availability.DEFAULT_ON, true, clock.instant(), clock.instant());
        store.servers.insert(c);
        return c;
    }

    private UpstreamToken token(McpServerConfig server, String access, Duration lifetime) {
        UpstreamToken t = new UpstreamToken(server.id(), user, access, Optional.empty(), "Bearer",
                Optional.of(clock.instant().plus(lifetime)), clock.instant());
        store.tokens.save(t);
        return t;
    }

    @Test
    void findWhenListeningThenSecondReadServedFromMemoryAndHeld() {
        McpServerConfig tools = server("tools", McpServerConfig.AuthType.API_KEY);
        cache.listening();
        assertThat(cache.holds("tools", user)).isFalse();
        assertThat(servers.findBySlug("tools")).contains(tools);
        assertThat(servers.findById(tools.id())).contains(tools);
        assertThat(servers.findBySlug("tools")).contains(tools);
        assertThat(servers.findById(tools.id())).contains(tools);
        assertThat(serverReads).as("one store read per key").hasValue(2);
        assertThat(cache.holds("tools", user)).isTrue();
        assertThat(servers.findBySlug("missing")).isEmpty();
        assertThat(servers.findBySlug("missing")).isEmpty();
        assertThat(serverReads).as("misses are not remembered").hasValue(4);
    }

    @Test
    void findWhenNotListeningOrInterruptedThenEveryReadGoesToTheStore() {
        McpServerConfig tools = server("tools", McpServerConfig.AuthType.NONE);
        servers.findBySlug("tools");
        servers.findBySlug("tools");
        assertThat(serverReads).hasValue(2);
        cache.listening();
        servers.findBySlug("tools");
        servers.findById(tools.id());
        cache.interrupted();
        assertThat(cache.size()).isZero();
        assertThat(cache.holds("tools", user)).isFalse();
        servers.findBySlug("tools");
        assertThat(serverReads).hasValue(5);
    }

    @Test
    void serverChangedThenEverythingAboutItForgotten() {
        McpServerConfig tools = server("tools", McpServerConfig.AuthType.OAUTH2);
        token(tools, "at-1", Duration.ofHours(1));
        cache.listening();
        servers.findBySlug("tools");
        servers.findById(tools.id());
        tokens.find(tools.id(), user);
        assertThat(cache.holds("tools", user)).isTrue();
        cache.serverChanged(tools.id()); // as reported by another replica's commit
        assertThat(cache.size()).isZero();
        assertThat(cache.holds("tools", user)).isFalse();
    }

    @Test
    void tokenChangedOrDeletedHereThenNextReadSeesTheStore() {
        McpServerConfig tools = server("tools", McpServerConfig.AuthType.OAUTH2);
        token(tools, "at-1", Duration.ofHours(1));
        cache.listening();
        assertThat(tokens.find(tools.id(), user).orElseThrow().accessToken()).isEqualTo("at-1");
        store.tokens.save(new UpstreamToken(tools.id(), user, "at-2", Optional.empty(), "Bearer", Optional.empty(), clock.instant()));
        assertThat(tokens.find(tools.id(), user).orElseThrow().accessToken()).as("held until told").isEqualTo("at-1");
        cache.tokenChanged(tools.id(), user);
        assertThat(tokens.find(tools.id(), user).orElseThrow().accessToken()).isEqualTo("at-2");
        tokens.delete(tools.id(), user); // a disconnect on this replica
        assertThat(tokens.find(tools.id(), user)).isEmpty();
    }

    @Test
    void holdsWhenOAuthTokenDueForRefreshThenFalse() {
        McpServerConfig tools = server("tools", McpServerConfig.AuthType.OAUTH2);
        token(tools, "at-1", Duration.ofMinutes(10));
        cache.listening();
        servers.findBySlug("tools");
        servers.findById(tools.id());
        assertThat(cache.holds("tools", user)).as("no token held yet").isFalse();
        tokens.find(tools.id(), user);
        assertThat(cache.holds("tools", user)).isTrue();
        clock.advance(Duration.ofMinutes(9) .plusSeconds(30));
        assertThat(cache.holds("tools", user)).as("a refresh is due: the store must be read").isFalse();
    }

    @Test
    void findWhenChangeArrivesDuringTheReadThenValueNotKept() {
        McpServerConfig tools = server("tools", McpServerConfig.AuthType.NONE);
        cache.listening();
        McpServerRepository racing = new CachedMcpServers(new McpServerRepository() {
            public boolean insert(McpServerConfig c) {
                return false;
            }

            public boolean update(McpServerConfig c) {
                return false;
            }

            public Optional<McpServerConfig> findById(UUID id) {
                return Optional.empty();
            }

            public List<McpServerConfig> list() {
                return List.of();
            }

            public boolean delete(UUID id) {
                return false;
            }

            public Optional<McpServerConfig> findBySlug(String slug) {
                cache.serverChanged(tools.id()); // committed by another replica while this read was under way
                return Optional.of(tools);
            }
        }, cache);
        assertThat(racing.findBySlug("tools")).contains(tools);
        assertThat(cache.size()).isZero();
    }
}

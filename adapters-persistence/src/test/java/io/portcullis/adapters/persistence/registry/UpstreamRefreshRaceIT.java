package io.portcullis.adapters.persistence.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.identity.JdbcUserRepository;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.registry.RegistryRepositoriesContract;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.service.UpstreamTokenRefresher;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.RegistryError.UpstreamFailure;
import io.portcullis.domain.registry.RegistryError.UpstreamRejected;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Ten callers find the same expired upstream token at once: the row lock lets exactly one refresh it. */
class UpstreamRefreshRaceIT {
    @Test
    void currentWhenTenConcurrentCallersThenOneUpstreamRefreshAndAllGetTheNewToken() throws Exception {
        ApplicationContext context = TestDatabase.fresh();
        JdbcUnitOfWork uow = context.getBean(JdbcUnitOfWork.class);
        AesGcmSecretCipher cipher = new AesGcmSecretCipher(List.of(new byte[32]));
        User user = Fixtures.user("racer", Role.MEMBER, Instant.EPOCH);
        context.getBean(JdbcUserRepository.class).insert(user);
        McpServerConfig server = RegistryRepositoriesContract.server("race", "none");
        JdbcRegistryRepositoriesIT.servers(context, cipher).insert(server);
        JdbcRegistryRepositories.Tokens tokens = JdbcRegistryRepositoriesIT.tokens(context, cipher);
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        tokens.save(new UpstreamToken(server.id(), user.id(), "old", Optional.of("refresh-1"), "Bearer",
                Optional.of(now.minusSeconds(5)), now));
        AtomicInteger refreshes = new AtomicInteger();
        UpstreamAuthorizationPort upstream = new UpstreamAuthorizationPort() {
            @Override
            public Result<DiscoveredClient, UpstreamFailure> discoverAndRegister(String serverUrl, String callbackUrl) {
                return Result.err(new UpstreamRejected("test", "not part of this test"));
            }

            @Override
            public Result<ResourceDiscovery, UpstreamFailure> discoverResource(String serverUrl) {
                return Result.err(new UpstreamRejected("test", "not part of this test"));
            }

            @Override
            public Result<Discovery, UpstreamFailure> discover(String serverUrl) {
                return Result.err(new UpstreamRejected("test", "not part of this test"));
            }

            @Override
            public Result<Tokens, UpstreamFailure> exchangeCode(Endpoint e, String code, String verifier, String redirect, String resource) {
                return Result.err(new UpstreamRejected("test", "not part of this test"));
            }

            @Override
            public Result<Void, UpstreamFailure> revoke(String url, Endpoint endpoint, String token, String hint) {
                return Result.err(new UpstreamRejected("test", "not part of this test"));
            }

            @Override
            public Result<Tokens, UpstreamFailure> refresh(Endpoint endpoint, String refreshToken, String resource) {
                int n = refreshes.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return refreshToken.equals("refresh-1") ? Result.ok(new Tokens("new-" + n, Optional.of("refresh-2"), "Bearer",
                        Optional.of(3600L))) : Result.err(new UpstreamRejected("token", "invalid_grant (refresh token reused)"));
            }
        };
        UpstreamTokenRefresher refresher = new UpstreamTokenRefresher(tokens, upstream, uow, Clock.fixed(now, ZoneOffset.UTC),
                new io.portcullis.application.shared.AuditTrail(context.getBean(io.portcullis.adapters.persistence.audit.JdbcAuditLogRepository.class),
                        Clock.fixed(now, ZoneOffset.UTC), new io.portcullis.application.testing.SeededRandom(3), uow));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            var results = pool.invokeAll(IntStream.range(0, 10).<Callable<Result<UpstreamToken, RegistryError.NotConnected>>>mapToObj(i ->
                    () -> refresher.current(server, user.id())).toList());
            for (var r : results) {
                assertThat(r.get().value().accessToken()).isEqualTo("new-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(tokens.find(server.id(), user.id()).orElseThrow().refreshToken()).contains("refresh-2");
    }
}

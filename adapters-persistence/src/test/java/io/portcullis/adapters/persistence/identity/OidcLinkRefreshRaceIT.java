package io.portcullis.adapters.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.identity.ScriptedOidcProvider;
import io.portcullis.application.identity.port.out.OidcProviderPort;
import io.portcullis.application.identity.service.OidcLinkRefresher;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.OidcLink;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSettings;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Eight requests of one user find the provider token due at once: the link's row lock lets one of them refresh, and
 * the others use what it stored — a rotating refresh token is spent once (PRODUCT §8).
 */
class OidcLinkRefreshRaceIT {
    @Test
    void currentAccessTokenWhenEightAtOnceThenOneRefreshAndEveryoneGetsItsToken() throws Exception {
        ApplicationContext context = TestDatabase.fresh();
        User ann = Fixtures.user("ann", Role.MEMBER, Instant.EPOCH);
        context.getBean(JdbcUserRepository.class).insert(ann);
        JdbcOidcLinkRepository links = new JdbcOidcLinkRepository(context.getBean(OidcLinkRows.LinkRowRepository.class),
                new AesGcmSecretCipher(List.of(new byte[32])));
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        OidcProvider corp = new OidcProvider("corp", "https://idp.example", "portcullis", Optional.empty(),
                List.of("openid"), "Corp", List.of(), false);
        context.getBean(JdbcUnitOfWork.class).inTransaction(() -> {
            links.save(new OidcLink(ann.id(), "corp", corp.issuer(), "sub-ann", "ann@example.com", "access-1",
                    Optional.of("refresh-1"), Optional.of(now.plusSeconds(60)), now, now));
            return null;
        });
        ScriptedOidcProvider idp = new ScriptedOidcProvider() {
            @Override
            public synchronized Result<Tokens, RefreshFailure> refresh(OidcProvider provider, String refreshToken) {
                super.refresh(provider, refreshToken);
                sleep();
                // a rotating provider: the first use of refresh-1 works, any second use is refused
                return refreshesWith.size() == 1 ? Result.ok(new Tokens("access-2", Optional.of("refresh-2"), Optional.of(3600L)))
                        : Result.err(new OidcProviderPort.RefreshFailure.Refused("refresh token already used"));
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ExecutorService detached = Executors.newCachedThreadPool();
        try {
            OidcLinkRefresher refresher = new OidcLinkRefresher(new OidcSettings(List.of(corp), true, Optional.empty()), links,
                    idp, context.getBean(JdbcUnitOfWork.class), detached, Clock.fixed(now, ZoneOffset.UTC));
            List<Future<Result<String, io.portcullis.application.identity.port.in.ProviderAccessTokenUseCase.NoProviderToken>>> all =
                    pool.invokeAll(IntStream.range(0, 8).<Callable<Result<String,
                            io.portcullis.application.identity.port.in.ProviderAccessTokenUseCase.NoProviderToken>>>mapToObj(
                                    i -> () -> refresher.currentAccessToken(ann.id())).toList());
            for (var f : all) {
                assertThat(f.get().value()).isEqualTo("access-2");
            }
            assertThat(idp.refreshesWith).containsExactly("refresh-1");
            assertThat(links.find(corp.issuer(), "sub-ann").orElseThrow().refreshToken()).contains("refresh-2");
        } finally {
            pool.shutdownNow();
            detached.shutdownNow();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

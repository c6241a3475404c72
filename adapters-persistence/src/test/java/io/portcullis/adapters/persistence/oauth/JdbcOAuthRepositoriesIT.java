package io.portcullis.adapters.persistence.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.identity.JdbcApiKeyRepository;
import io.portcullis.adapters.persistence.identity.JdbcUserRepository;
import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.oauth.OAuthRepositoriesContract;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The OAuth store contract on PostgreSQL, plus concurrent single use decided by the database. */
class JdbcOAuthRepositoriesIT extends OAuthRepositoriesContract {
    @Override
    protected Stores newStores() {
        ApplicationContext context = TestDatabase.fresh();
        return new Stores(context.getBean(JdbcUserRepository.class), context.getBean(JdbcApiKeyRepository.class),
                context.getBean(JdbcOAuthClientRepository.class), context.getBean(JdbcOAuthTokenRepositories.Secrets.class),
                context.getBean(JdbcOAuthTokenRepositories.Codes.class), context.getBean(JdbcOAuthTokenRepositories.Grants.class),
                context.getBean(JdbcOAuthTokenRepositories.RefreshTokens.class));
    }

    @Test
    void redeemWhenTwentyTransactionsRaceThenExactlyOneWinsAndOneGrantIsStored() throws Exception {
        ApplicationContext context = TestDatabase.fresh();
        JdbcUnitOfWork uow = context.getBean(JdbcUnitOfWork.class);
        User user = Fixtures.user("racer", Role.MEMBER, Instant.EPOCH);
        context.getBean(JdbcUserRepository.class).insert(user);
        OAuthClient client = new OAuthClient(UUID.randomUUID(), ClientMetadata.validate(new ClientMetadata.Raw("c",
                List.of("https://a.example/cb"), "none", null, null, null, null, null, null, null, null, null, null, null)).value(),
                Optional.empty(), false, Instant.EPOCH, Instant.EPOCH);
        context.getBean(JdbcOAuthClientRepository.class).insert(client);
        JdbcOAuthTokenRepositories.Codes codes = context.getBean(JdbcOAuthTokenRepositories.Codes.class);
        PrefixedSecret p = PrefixedSecret.mint(n -> new byte[n]);
        codes.insert(new AuthorizationCode("racecode01", p.digest(), client.id(), user.id(), Optional.empty(),
                PkceChallenge.s256Of("x".repeat(43)), ScopeSet.ALL, ResourceUri.parse("https://a.example"), false,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(600), Optional.empty()));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            var results = pool.invokeAll(IntStream.range(0, 20).<Callable<Boolean>>mapToObj(i -> () -> uow.inTransaction(() ->
                    codes.findLocking("racecode01").filter(c -> c.usedAt().isEmpty()).isPresent()
                            && codes.redeem("racecode01", Instant.EPOCH.plusSeconds(i), new Grant(UUID.randomUUID(), client.id(),
                                    user.id(), ScopeSet.ALL, ResourceUri.parse("https://a.example"), "racecode01", Instant.EPOCH),
                                    Optional.empty()))).toList());
            int winners = 0;
            for (var r : results) {
                winners += r.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(TestDatabase.strings("SELECT id FROM oauth2_grant WHERE code_prefix = 'racecode01'")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.portcullis.adapters.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.portcullis.application.identity.OidcLinkRepositoryContract;
import io.portcullis.application.identity.port.out.OidcLinkRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The provider-link contract on PostgreSQL (V10), and proof that the provider's tokens are sealed in the rows. */
class JdbcOidcLinkRepositoryIT extends OidcLinkRepositoryContract {
    private ApplicationContext context;

    @Override
    protected UserRepository newUsers() {
        context = TestDatabase.fresh();
        return context.getBean(JdbcUserRepository.class);
    }

    @Override
    protected OidcLinkRepository newRepository(UserRepository users) {
        return new JdbcOidcLinkRepository(context.getBean(OidcLinkRows.LinkRowRepository.class),
                new AesGcmSecretCipher(List.of(new byte[32])));
    }

    @Test
    void rowsWhenTokensStoredThenOnlyCiphertextInTheDatabase() {
        links.save(link("https://a.example", "s1", T0, Optional.of("provider-refresh-secret")));

        String dump = String.join("|", TestDatabase.strings(
                "SELECT access_token_sealed || refresh_token_sealed FROM user_oidc_link"));
        assertThat(dump).contains("v1:").doesNotContain("access-secret-s1").doesNotContain("provider-refresh-secret");
    }
}

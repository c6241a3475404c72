package io.portcullis.adapters.persistence.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.identity.JdbcUserRepository;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.oauth.ResourceRepositoriesContract;
import io.portcullis.domain.oauth.SigningKey;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registered-resource store contract on PostgreSQL, plus the private signing key sealed at rest. */
class JdbcResourceRepositoriesIT extends ResourceRepositoriesContract {
    private ApplicationContext context;

    @Override
    protected Stores newStores() {
        context = TestDatabase.fresh();
        return new Stores(context.getBean(JdbcUserRepository.class), context.getBean(JdbcOAuthClientRepository.class),
                context.getBean(JdbcOAuthTokenRepositories.Grants.class),
                context.getBean(JdbcResourceRepositories.Resources.class),
                context.getBean(JdbcResourceRepositories.ResourceTokens.class),
                signingKeys());
    }

    private JdbcResourceRepositories.SigningKeys signingKeys() {
        return new JdbcResourceRepositories.SigningKeys(context.getBean(ResourceRowRepositories.SigningKeyRowRepository.class),
                context.getBean(JdbcUnitOfWork.class), new AesGcmSecretCipher(List.of(new byte[32])));
    }

    @Test
    void signingKeyWhenStoredThenPrivateHalfIsSealedNotPlain() {
        signingKeys().insertFirst(new SigningKey("sealed-kid", "{}",
                "{\"d\":\"very-private\"}", T0, T0, Optional.empty()));
        String stored = context.getBean(JdbcUnitOfWork.class).withConnection(c -> {
            try (var st = c.prepareStatement("SELECT private_jwk_sealed FROM oauth2_signing_key WHERE kid = 'sealed-kid'");
                    var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).doesNotContain("very-private");
    }
}

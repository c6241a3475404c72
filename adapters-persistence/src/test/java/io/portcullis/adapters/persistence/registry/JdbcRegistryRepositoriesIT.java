package io.portcullis.adapters.persistence.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.identity.JdbcUserRepository;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.registry.RegistryRepositoriesContract;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamToken;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registry contract on PostgreSQL, and proof that secrets are sealed in the rows. */
class JdbcRegistryRepositoriesIT extends RegistryRepositoriesContract {
    @Override
    protected Stores newStores() {
        ApplicationContext context = TestDatabase.fresh();
        AesGcmSecretCipher cipher = new AesGcmSecretCipher(List.of(new byte[32]));
        return new Stores(context.getBean(JdbcUserRepository.class), servers(context, cipher), tokens(context, cipher),
                states(context, cipher));
    }

    static JdbcRegistryRepositories.Servers servers(ApplicationContext context, AesGcmSecretCipher cipher) {
        return new JdbcRegistryRepositories.Servers(context.getBean(RegistryRowRepositories.ServerRowRepository.class),
                context.getBean(JdbcUnitOfWork.class), cipher);
    }

    static JdbcRegistryRepositories.Tokens tokens(ApplicationContext context, AesGcmSecretCipher cipher) {
        return new JdbcRegistryRepositories.Tokens(context.getBean(RegistryRowRepositories.TokenRowRepository.class), cipher);
    }

    static JdbcRegistryRepositories.States states(ApplicationContext context, AesGcmSecretCipher cipher) {
        return new JdbcRegistryRepositories.States(context.getBean(RegistryRowRepositories.StateRowRepository.class), cipher);
    }

    @Test
    void rowsWhenSecretsStoredThenOnlyCiphertextInTheDatabase() {
        McpServerConfig key = server("sealed-key", "api_key");
        McpServerConfig headers = server("sealed-headers", "custom_headers");
        s.servers().insert(key);
        s.servers().insert(headers);
        s.tokens().save(new UpstreamToken(key.id(), alice.id(), "upstream-access-secret", Optional.of("upstream-refresh-secret"),
                "Bearer", Optional.empty(), T0));
        String dump = String.join("|", TestDatabase.strings("SELECT coalesce(api_key_value_sealed, '')"
                + " || coalesce(custom_headers_sealed, '') FROM mcp_server"))
                + String.join("|", TestDatabase.strings("SELECT access_token_sealed || refresh_token_sealed"
                        + " FROM mcp_server_user_token"));
        assertThat(dump).contains("v1:").doesNotContain("key-value-123").doesNotContain("blue:green")
                .doesNotContain("upstream-access-secret").doesNotContain("upstream-refresh-secret");
    }
}

package io.portcullis.adapters.persistence.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.identity.JdbcUserRepository;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.shared.Sql;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import io.portcullis.application.registry.RegistryRepositoriesContract;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamToken;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registry contract on PostgreSQL, and proof that secrets are sealed in the rows. */
class JdbcRegistryRepositoriesIT extends RegistryRepositoriesContract {
    private Sql sql;

    @Override
    protected Stores newStores() {
        sql = new Sql(new JdbcUnitOfWork(TestPostgres.newMigratedDatabase()));
        AesGcmSecretCipher cipher = new AesGcmSecretCipher(List.of(new byte[32]));
        return new Stores(new JdbcUserRepository(sql), new JdbcRegistryRepositories.Servers(sql, cipher),
                new JdbcRegistryRepositories.Tokens(sql, cipher), new JdbcRegistryRepositories.States(sql, cipher));
    }

    @Test
    void rowsWhenSecretsStoredThenOnlyCiphertextInTheDatabase() {
        McpServerConfig key = server("sealed-key", "api_key");
        McpServerConfig headers = server("sealed-headers", "custom_headers");
        s.servers().insert(key);
        s.servers().insert(headers);
        s.tokens().save(new UpstreamToken(key.id(), alice.id(), "upstream-access-secret", Optional.of("upstream-refresh-secret"),
                "Bearer", Optional.empty(), T0));
        String dump = String.join("|", sql.list("SELECT coalesce(api_key_value_sealed, '') || coalesce(custom_headers_sealed, '')"
                + " FROM mcp_server", rs -> rs.getString(1)))
                + String.join("|", sql.list("SELECT access_token_sealed || refresh_token_sealed FROM mcp_server_user_token",
                        rs -> rs.getString(1)));
        assertThat(dump).contains("v1:").doesNotContain("key-value-123").doesNotContain("blue:green")
                .doesNotContain("upstream-access-secret").doesNotContain("upstream-refresh-secret");
    }
}

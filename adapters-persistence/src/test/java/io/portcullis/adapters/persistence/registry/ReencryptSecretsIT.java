package io.portcullis.adapters.persistence.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.identity.JdbcUserRepository;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.portcullis.adapters.persistence.shared.JdbcSealedValues;
import static io.portcullis.adapters.persistence.registry.JdbcRegistryRepositoriesIT.servers;
import static io.portcullis.adapters.persistence.registry.JdbcRegistryRepositoriesIT.states;
import static io.portcullis.adapters.persistence.registry.JdbcRegistryRepositoriesIT.tokens;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.registry.RegistryRepositoriesContract;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamAuthState;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Key rotation re-seals every sealed column of every table, and the list of columns matches the schema. */
class ReencryptSecretsIT {
    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void resealAllWhenKeyRotatedThenEveryValueUnderNewKeyAndOldKeyNoLongerNeeded() {
        ApplicationContext context = TestDatabase.fresh();
        JdbcUnitOfWork uow = context.getBean(JdbcUnitOfWork.class);
        AesGcmSecretCipher a = new AesGcmSecretCipher(List.of(key(1)));
        User user = Fixtures.user("rotator", Role.MEMBER, Instant.EPOCH);
        context.getBean(JdbcUserRepository.class).insert(user);
        McpServerConfig apiKey = RegistryRepositoriesContract.server("rot-key", "api_key");
        McpServerConfig headers = RegistryRepositoriesContract.server("rot-headers", "custom_headers");
        servers(context, a).insert(apiKey);
        servers(context, a).insert(headers);
        tokens(context, a).save(new UpstreamToken(apiKey.id(), user.id(), "acc", Optional.of("ref"),
                "Bearer", Optional.empty(), Instant.EPOCH));
        states(context, a).insert(new UpstreamAuthState(SecretDigest.of("s"), apiKey.id(), user.id(),
                "verifier", Instant.EPOCH.plusSeconds(600)));

        AesGcmSecretCipher rotated = new AesGcmSecretCipher(List.of(key(2), key(1)));
        Map<String, Integer> counts = new JdbcSealedValues(uow, rotated).resealAll();
        assertThat(counts).containsEntry("mcp_server.api_key_value_sealed", 1).containsEntry("mcp_server.custom_headers_sealed", 1)
                .containsEntry("mcp_server_user_token.access_token_sealed", 1)
                .containsEntry("mcp_server_user_token.refresh_token_sealed", 1)
                .containsEntry("mcp_oauth_state.code_verifier_sealed", 1);
        assertThat(new JdbcSealedValues(uow, rotated).resealAll().values()).allMatch(n -> n == 0);

        AesGcmSecretCipher onlyNew = new AesGcmSecretCipher(List.of(key(2)));
        assertThat(servers(context, onlyNew).findById(apiKey.id()).orElseThrow().apiKeyValue())
                .contains("key-value-123");
        assertThat(servers(context, onlyNew).findById(headers.id()).orElseThrow().customHeaders())
                .containsEntry("X-Team", "blue:green\nred");
        assertThat(tokens(context, onlyNew).find(apiKey.id(), user.id()).orElseThrow().refreshToken())
                .contains("ref");
        assertThat(states(context, onlyNew).take(SecretDigest.of("s")).orElseThrow().codeVerifier())
                .isEqualTo("verifier");
    }

    @Test
    void columnsWhenComparedWithCatalogThenEverySealedColumnIsCovered() {
        TestDatabase.fresh();
        Set<String> inSchema = Set.copyOf(TestDatabase.strings("SELECT table_name || '.' || column_name"
                + " FROM information_schema.columns WHERE table_schema = 'public' AND column_name LIKE '%\\_sealed'"));
        Set<String> covered = JdbcSealedValues.COLUMNS.stream().map(c -> c.table() + "." + c.column()).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(inSchema);
    }
}

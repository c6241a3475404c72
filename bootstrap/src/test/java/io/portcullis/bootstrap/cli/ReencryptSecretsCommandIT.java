package io.portcullis.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.bootstrap.ReencryptSecretsCommand;
import io.portcullis.domain.registry.McpServerDraft;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reencrypt-secrets command against a real database: rotate key A to B, then B alone opens everything. */
class ReencryptSecretsCommandIT {
    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void runWhenKeyRotatedThenCountsPrintedAndNewKeyAloneOpensSecrets() {
        Map<String, Object> props = new HashMap<>(Map.of("datasources.default.url", TestPostgres.newDatabaseUrl(),
                "datasources.default.username", "postgres", "datasources.default.password", "postgres",
                "micronaut.server.port", -1));
        props.put("portcullis.encryption-keys", key(1));
        UUID id = UUID.randomUUID();
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            McpServerDraft draft = new McpServerDraft(Optional.of("K"), Optional.of("k"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of("https://k.example/mcp"), Optional.of("api_key"), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("X-Key"),
                    Optional.of("secret-v"), Optional.empty(), Optional.of(List.of()), Optional.empty(), Optional.empty(),
                    Optional.of(true));
            ctx.getBean(McpServerRepository.class).insert(draft.create(id, Instant.now()).value());
        }
        props.put("portcullis.encryption-keys", key(2) + "," + key(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ReencryptSecretsCommand.run(new String[0], props, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isZero();
        // the JWT signing key generated at the first start is re-sealed too
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("mcp_server.api_key_value_sealed: 1")
                .contains("oauth2_signing_key.private_jwk_sealed: 1").contains("re-sealed 2 value(s)");
        props.put("portcullis.encryption-keys", key(2));
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            assertThat(ctx.getBean(McpServerRepository.class).findById(id).orElseThrow().apiKeyValue()).contains("secret-v");
        }
    }
}

package io.portcullis.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import io.portcullis.application.oauth.port.in.PublishSigningKeysUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.bootstrap.DecryptSecretsCommand;
import io.portcullis.bootstrap.DeleteSecretsCommand;
import io.portcullis.bootstrap.ReencryptSecretsCommand;
import io.portcullis.domain.registry.McpServerDraft;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key commands beside reencrypt-secrets (issue 11 item 10): decrypt-secrets stores every secret in clear again
 * (only with its confirmation flag), delete-secrets drops what a key that is no longer configured sealed so the
 * service starts again; both in one transaction, one line and an exit code on failure; on an external and on the
 * embedded database.
 */
class SecretsCommandsIT {
    @TempDir
    Path dataDir;

    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private record Run(int exit, String out, String err) {
    }

    private interface Command {
        int run(String[] args, Map<String, Object> props, PrintStream out, PrintStream err);
    }

    private static Run run(Command command, Map<String, Object> props, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(args, props, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> external(String url, String keys) {
        Map<String, Object> props = new HashMap<>(Map.of("datasources.default.url", url, "datasources.default.username",
                "postgres", "datasources.default.password", "postgres", "micronaut.server.port", -1));
        props.put("portcullis.encryption-keys", keys);
        return props;
    }

    /** Starts the service once (which generates the signing key) and registers an API-key server; returns its id. */
    private static UUID seed(Map<String, Object> props) {
        UUID id = UUID.randomUUID();
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            McpServerDraft draft = new McpServerDraft(Optional.of("K"), Optional.of("k"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of("https://k.example/mcp"), Optional.of("api_key"), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("X-Key"),
                    Optional.of("secret-v"), Optional.empty(), Optional.of(List.of()), Optional.empty(), Optional.empty(),
                    Optional.of(true));
            ctx.getBean(McpServerRepository.class).insert(draft.create(id, Instant.now()).value());
            assertThat(ctx.getBean(PublishSigningKeysUseCase.class).publishedKeys()).hasSize(1);
        }
        return id;
    }

    /** The first column of the first row of {@code query}, read straight from the database. */
    private static Object sql(String url, String query) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getObject(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stored(String url) {
        return (String) sql(url, "SELECT api_key_value_sealed FROM mcp_server");
    }

    @Test
    void decryptWhenConfirmedThenPlaintextStoredStillReadableAndReencryptSealsItAgain() {
        String url = TestPostgres.newDatabaseUrl();
        Map<String, Object> props = external(url, key(1));
        UUID id = seed(props);

        Run refused = run(DecryptSecretsCommand::run, props);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("--confirm-plaintext");
        assertThat(stored(url)).startsWith("v1:");

        Run decrypted = run(DecryptSecretsCommand::run, props, "--confirm-plaintext");
        assertThat(decrypted.exit()).as(decrypted.err()).isZero();
        assertThat(decrypted.out()).contains("mcp_server.api_key_value_sealed: 1")
                .contains("oauth2_signing_key.private_jwk_sealed: 1").contains("stored 2 value(s) in plaintext");
        assertThat(stored(url)).isEqualTo("plain:secret-v");
        assertThat(sql(url, "SELECT count(*) FROM oauth2_signing_key WHERE private_jwk_sealed LIKE 'v1:%'")).isEqualTo(0L);
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            assertThat(ctx.getBean(McpServerRepository.class).findById(id).orElseThrow().apiKeyValue()).contains("secret-v");
            assertThat(ctx.getBean(PublishSigningKeysUseCase.class).publishedKeys()).hasSize(1);
        }

        Run resealed = run(ReencryptSecretsCommand::run, props);
        assertThat(resealed.exit()).isZero();
        assertThat(resealed.out()).contains("re-sealed 2 value(s)");
        assertThat(stored(url)).startsWith("v1:").doesNotContain("secret-v");
    }

    @Test
    void deleteWhenKeyLostThenWhatItSealedGoesAndTheServiceStartsAgain() {
        String url = TestPostgres.newDatabaseUrl();
        UUID id = seed(external(url, key(1)));
        Map<String, Object> lost = external(url, key(2));

        // the old key is gone: commands that need the stored secrets refuse in one line, exit code 2
        Run reencrypt = run(ReencryptSecretsCommand::run, lost);
        assertThat(reencrypt.exit()).isEqualTo(2);
        assertThat(reencrypt.err().strip()).doesNotContain("\n").startsWith("portcullis: reencrypt-secrets: invalid configuration:")
                .contains("cannot open");
        Run decrypt = run(DecryptSecretsCommand::run, lost, "--confirm-plaintext");
        assertThat(decrypt.exit()).isEqualTo(2);

        Run deleted = run(DeleteSecretsCommand::run, lost);
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("mcp_server.api_key_value_sealed: 1")
                .contains("oauth2_signing_key.private_jwk_sealed: 1").contains("deleted 2 value(s)");
        try (ApplicationContext ctx = ApplicationContext.run(lost)) {
            // the registration is kept without its secret; a new signing key replaced the lost one
            assertThat(ctx.getBean(McpServerRepository.class).findById(id).orElseThrow().apiKeyValue()).isEmpty();
            assertThat(ctx.getBean(PublishSigningKeysUseCase.class).publishedKeys()).hasSize(1);
        }
        Run again = run(DeleteSecretsCommand::run, lost);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("deleted 0 value(s)");
    }

    @Test
    void commandsWhenDatabaseUnreachableThenOneLineAndExitCode1() {
        Map<String, Object> props = external("jdbc:postgresql://127.0.0.1:1/none", key(1));
        Run r = run(DeleteSecretsCommand::run, props);
        assertThat(r.exit()).isNotZero();
        assertThat(r.err().strip()).startsWith("portcullis: delete-secrets").doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void decryptWhenEmbeddedDefaultDatabaseThenItRunsThere() {
        Map<String, Object> props = new HashMap<>(Map.of("portcullis.data-dir", dataDir.toString(),
                "micronaut.server.port", -1));
        Run decrypted = run(DecryptSecretsCommand::run, props, "--confirm-plaintext");
        assertThat(decrypted.exit()).as(decrypted.err()).isZero();
        // the first start generated the signing key under the generated key file; it is now in clear
        assertThat(decrypted.out()).contains("oauth2_signing_key.private_jwk_sealed: 1");
        Run deleted = run(DeleteSecretsCommand::run, props);
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("deleted 0 value(s)");
    }
}

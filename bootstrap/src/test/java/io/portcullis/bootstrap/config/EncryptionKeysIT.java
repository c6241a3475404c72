package io.portcullis.bootstrap.config;

import io.portcullis.bootstrap.support.ServiceTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import io.portcullis.bootstrap.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealing keys across replicas (PRODUCT §12): a key is generated only for the embedded database; with an external one
 * the keys must be configured, and a replica whose keys cannot open what is stored refuses to start, naming the key id.
 */
class EncryptionKeysIT {
    @TempDir
    Path dataDir;

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private static String base64(byte[]... keys) {
        return String.join(",", Arrays.stream(keys).map(k -> Base64.getEncoder().encodeToString(k)).toList());
    }

    private Map<String, Object> replica(String databaseUrl, String keys) {
        Map<String, Object> props = new HashMap<>(Map.of("micronaut.server.port", -1, "datasources.default.url", databaseUrl,
                "datasources.default.username", "postgres", "datasources.default.password", "postgres",
                "portcullis.data-dir", dataDir.toString(), "portcullis.setup-code", ServiceTest.SETUP_CODE));
        if (keys != null) {
            props.put("portcullis.encryption-keys", keys);
        }
        return props;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void startWhenExternalDatabaseWithoutKeysThenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(replica(TestPostgres.newDatabaseUrl(), null))) {
                // started: a key was generated for this replica alone
            }
        }).satisfies(e -> assertThat(messages(e)).contains("portcullis.encryption-keys").contains("PORTCULLIS_ENCRYPTION_KEYS")
                .contains("external database"));
        assertThat(dataDir.resolve("encryption.key")).as("no key generated").doesNotExist();
    }

    @Test
    void startWhenSecondReplicaHasOtherKeysThenRefusedNamingTheKeyId() throws Exception {
        String database = TestPostgres.newDatabaseUrl();
        HttpClient http = HttpClient.newHttpClient();
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, replica(database, base64(key(1))))) {
            String base = first.getURL().toString();
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/users/first")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"o@example.com\",\"username\":\"o\","
                            + "\"password\":\"owner-password-1\",\"setup_code\":\"" + ServiceTest.SETUP_CODE + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String session = Json.text(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/users/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"o@example.com\",\"password\":\"owner-password-1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body(), "session_token");
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/mcp/servers"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + session)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"display_name\":\"Search\",\"slug\":\"search\","
                            + "\"url\":\"https://search.example/mcp\",\"auth_type\":\"api_key\",\"api_key_header\":\"X-Api-Key\","
                            + "\"api_key_value\":\"sealed-under-key-one\",\"enabled\":true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);

            // a second replica on the same database, started while the first runs, with a different key
            assertThatThrownBy(() -> {
                try (ApplicationContext ignored = ApplicationContext.run(replica(database, base64(key(2))))) {
                    // started: it would answer 500 for every secret the first one stored
                }
            }).satisfies(e -> assertThat(messages(e)).contains(AesGcmSecretCipher.keyId(key(1)))
                    .contains("portcullis.encryption-keys"));

            // the new key first and the old one after it (rotation) starts fine
            try (ApplicationContext rotating = ApplicationContext.run(replica(database, base64(key(2), key(1))))) {
                assertThat(rotating.isRunning()).isTrue();
            }
        }
        assertThat(Files.exists(dataDir.resolve("encryption.key"))).isFalse();
    }
}

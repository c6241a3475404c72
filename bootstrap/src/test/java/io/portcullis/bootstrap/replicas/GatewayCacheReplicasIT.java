package io.portcullis.bootstrap.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.registry.service.RegistryCache;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamToken;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, each caching server configurations and opened upstream credentials for the gateway: an edit of a
 * server, a disabled server, a disconnect and a revoked key, all made on replica one, hold on replica two within a
 * second although replica two had everything cached (PostgreSQL LISTEN/NOTIFY, migration V12).
 */
class GatewayCacheReplicasIT extends TwoGatewayReplicas {
    private static final long WITHIN_MILLIS = 1000;

    @Override
    protected Map<String, Object> settings() {
        return Map.of();
    }

    private static RegistryCache cache(EmbeddedServer replica) {
        return replica.getApplicationContext().getBean(RegistryCache.class);
    }

    /** Asks every 20 ms how long it took until the replica's answer satisfied {@code changed} (gives up after 5 s). */
    private long millisUntil(EmbeddedServer replica, String slug, String bearer, Predicate<HttpResponse<String>> changed) {
        long start = System.nanoTime();
        while (!changed.test(ping(replica, slug, bearer))) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed > 5000) {
                return elapsed;
            }
            sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void warm(String slug, String bearer, String expected) {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = ping(two, slug, bearer);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"seen\":\"" + expected + "\"");
        }
        assertThat(cache(two).holds(slug, ownerId())).as("replica two holds the server and its credentials").isTrue();
    }

    private UUID ownerId() {
        return UUID.fromString(Json.text(send(one, "GET", "/api/v2/users/me", null, ownerSession).body(), "id"));
    }

    @Test
    void editWhenServerCachedOnOtherReplicaThenNewCredentialUsedThereWithinOneSecond() {
        String id = apiKeyServer("edited", "key-v1");
        warm("edited", ownerSession, "key-v1");
        HttpResponse<String> edit = send(one, "PATCH", "/api/v2/mcp/servers/" + id, "{\"api_key_value\":\"key-v2\"}", ownerSession);
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
        assertThat(ping(one, "edited", ownerSession).body()).as("at once on the editing replica").contains("key-v2");
        assertThat(millisUntil(two, "edited", ownerSession, r -> r.body().contains("key-v2"))).isLessThan(WITHIN_MILLIS);
    }

    @Test
    void disableWhenServerCachedOnOtherReplicaThenNotFoundThereWithinOneSecond() {
        String id = apiKeyServer("disabled", "key-d");
        warm("disabled", ownerSession, "key-d");
        assertThat(send(one, "PATCH", "/api/v2/mcp/servers/" + id, "{\"enabled\":false}", ownerSession).statusCode()).isEqualTo(200);
        assertThat(ping(one, "disabled", ownerSession).statusCode()).isEqualTo(404);
        assertThat(millisUntil(two, "disabled", ownerSession, r -> r.statusCode() == 404)).isLessThan(WITHIN_MILLIS);
    }

    @Test
    void disconnectWhenTokenCachedOnOtherReplicaThenNotConnectedThereWithinOneSecond() {
        UUID serverId = UUID.randomUUID();
        Instant now = Instant.now();
        McpServerConfig oauth = new McpServerConfig(serverId, "OAuth", "oauthed", "", "", McpServerConfig.Transport.STREAMABLE_HTTP,
                upstreamUrl(), McpServerConfig.AuthType.OAUTH2, "client-1", Optional.empty(), "https://as.example/authorize",
                "https://as.example/token", "", "", Optional.empty(), Map.of(), List.of(), List.of(),
                McpServerConfig.Availability.DEFAULT_ON, true, now, now);
        one.getApplicationContext().getBean(McpServerRepository.class).insert(oauth);
        one.getApplicationContext().getBean(UpstreamTokenRepository.class).save(new UpstreamToken(serverId, ownerId(),
                "upstream-access-1", Optional.empty(), "Bearer", Optional.of(now.plusSeconds(3600)), now));
        warm("oauthed", ownerSession, "Bearer upstream-access-1");

        HttpResponse<String> disconnected = send(one, "DELETE", "/api/v2/mcp/servers/" + serverId + "/oauth2/disconnect", null,
                ownerSession);
        assertThat(disconnected.statusCode()).as(disconnected.body()).isEqualTo(204);
        assertThat(ping(one, "oauthed", ownerSession).statusCode()).isEqualTo(403);
        assertThat(millisUntil(two, "oauthed", ownerSession, r -> r.statusCode() == 403)).isLessThan(WITHIN_MILLIS);
        assertThat(ping(two, "oauthed", ownerSession).body()).contains("connect_url");
    }

    @Test
    void revokeWhenKeyAndServerCachedOnOtherReplicaThenGatewayRefusesThereWithinOneSecond() {
        apiKeyServer("revoked", "key-r");
        String key = newKey("gateway");
        warm("revoked", key, "key-r");
        assertThat(send(one, "DELETE", "/api/v2/users/me/keys/" + key.substring(0, 10), null, ownerSession).statusCode())
                .isEqualTo(204);
        assertThat(millisUntil(two, "revoked", key, r -> r.statusCode() == 401)).isLessThan(WITHIN_MILLIS);
    }
}

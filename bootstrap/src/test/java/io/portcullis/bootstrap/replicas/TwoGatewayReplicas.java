package io.portcullis.bootstrap.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ReplicaRequests;
import io.portcullis.bootstrap.support.ServiceTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Portcullis replicas on one PostgreSQL database and a loopback upstream MCP server that answers every POST
 * with the credentials it received ({@code {"result":{"seen":"<X-Api-Key or Authorization>"}}}), and holds
 * {@code tools/call} of the tool {@code slow} until {@link #release} is counted down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoGatewayReplicas {
    protected final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
    protected EmbeddedServer one;
    protected EmbeddedServer two;
    protected String ownerSession;
    protected HttpServer upstream;
    protected final AtomicInteger slowArrived = new AtomicInteger();
    protected final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService upstreamThreads;

    /** Settings of both replicas besides the database's. */
    protected abstract Map<String, Object> settings();

    @BeforeAll
    void startTwoReplicasAndAnUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        upstreamThreads = Executors.newCachedThreadPool();
        upstream.setExecutor(upstreamThreads);
        upstream.createContext("/mcp", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"slow\"")) {
                slowArrived.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String seen = ex.getRequestHeaders().getFirst("X-Api-Key") != null ? ex.getRequestHeaders().getFirst("X-Api-Key")
                    : String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] out = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"seen\":\"" + seen + "\"}}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        upstream.start();
        String database = TestPostgres.newDatabaseUrl();
        one = replica(database);
        two = replica(database);
        send(one, "POST", "/api/v2/users/first", "{\"email\":\"owner@example.com\",\"username\":\"owner\","
                + "\"password\":\"owner-password-1\",\"setup_code\":\"" + ServiceTest.SETUP_CODE + "\"}", null);
        HttpResponse<String> login = send(one, "POST", "/api/v2/users/login",
                "{\"email\":\"owner@example.com\",\"password\":\"owner-password-1\"}", null);
        ownerSession = Json.text(login.body(), "session_token");
    }

    @AfterAll
    void stop() {
        release.countDown();
        for (EmbeddedServer replica : new EmbeddedServer[] {one, two}) {
            if (replica != null) {
                replica.getApplicationContext().close();
            }
        }
        upstream.stop(0);
        upstreamThreads.shutdownNow();
    }

    private EmbeddedServer replica(String databaseUrl) {
        Map<String, Object> props = new HashMap<>(Map.of("datasources.default.url", databaseUrl,
                "datasources.default.username", "postgres", "datasources.default.password", "postgres",
                "micronaut.server.port", -1, "portcullis.data-dir", "target/unused-data-dir",
                "portcullis.encryption-keys", ServiceTest.TEST_ENCRYPTION_KEY, "portcullis.setup-code", ServiceTest.SETUP_CODE,
                "portcullis.outbound.allow-private-addresses", true));
        props.putAll(settings());
        return ApplicationContext.run(EmbeddedServer.class, props, Environment.TEST);
    }

    protected String upstreamUrl() {
        return "http://127.0.0.1:" + upstream.getAddress().getPort() + "/mcp";
    }

    /** Registers an API-key server on replica one; returns its id. */
    protected String apiKeyServer(String slug, String keyValue) {
        HttpResponse<String> created = send(one, "POST", "/api/v2/mcp/servers", "{\"display_name\":\"" + slug + "\",\"slug\":\""
                + slug + "\",\"url\":\"" + upstreamUrl() + "\",\"auth_type\":\"api_key\",\"api_key_header\":\"X-Api-Key\","
                + "\"api_key_value\":\"" + keyValue + "\",\"enabled\":true}", ownerSession);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.text(created.body(), "id");
    }

    protected String newKey(String name) {
        return Json.text(send(one, "POST", "/api/v2/users/me/keys/tokens", "{\"token_name\":\"" + name + "\"}", ownerSession).body(),
                "key");
    }

    protected HttpResponse<String> gateway(EmbeddedServer replica, String slug, String bearer, String rpc) {
        return send(replica, "POST", "/mcp/" + slug, rpc, bearer);
    }

    protected HttpResponse<String> ping(EmbeddedServer replica, String slug, String bearer) {
        return gateway(replica, slug, bearer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    }

    protected HttpResponse<String> send(EmbeddedServer replica, String method, String path, String json, String bearer) {
        return ReplicaRequests.send(http, replica, method, path, json, bearer);
    }

    protected static void sleep(long millis) {
        ReplicaRequests.sleep(millis);
    }
}

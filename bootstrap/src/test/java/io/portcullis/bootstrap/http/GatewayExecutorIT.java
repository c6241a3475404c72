package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slow upstream MCP servers hold gateway threads only: with more gateway requests in flight than the handler
 * pool has threads, the login page and the authorization server metadata still answer at once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayExecutorIT extends ServiceTest {
    private static final int IN_FLIGHT = 100; // far more than micronaut.executors.io (10) and gateway (20) have threads
    private HttpServer upstream;
    private ExecutorService upstreamThreads;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();
    private String session;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.outbound.allow-private-addresses", "true");
        return props;
    }

    @BeforeAll
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        upstreamThreads = Executors.newCachedThreadPool();
        upstream.setExecutor(upstreamThreads);
        upstream.createContext("/mcp", ex -> {
            ex.getRequestBody().readAllBytes();
            arrived.incrementAndGet();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        upstream.start();
        session = ownerSession();
        assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Slow\",\"slug\":\"slow\",\"url\":\"http://127.0.0.1:"
                + upstream.getAddress().getPort() + "/mcp\",\"enabled\":true}", "Authorization", "Bearer " + session)
                .statusCode()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        release.countDown();
        upstream.stop(0);
        upstreamThreads.shutdownNow();
    }

    @Test
    void gatewayWhenUpstreamsSlowThenTokenEndpointAndPagesStillAnswer() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(http.sendAsync(request("/mcp/slow", "Authorization", "Bearer " + session)
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long waitUntil = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (arrived.get() < IN_FLIGHT && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        assertThat(arrived.get()).as("every gateway request reached the upstream at once").isEqualTo(IN_FLIGHT);
        long started = System.nanoTime();
        assertThat(get("/login").statusCode()).isEqualTo(200);
        assertThat(get("/.well-known/oauth-authorization-server").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }
}

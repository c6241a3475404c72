package io.portcullis.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.portcullis.domain.shared.Result;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one outbound client against a real HTTP server on loopback. */
class GuardedHttpClientTest {
    private static final GuardedHttpClient.Limits LIMITS = new GuardedHttpClient.Limits(Duration.ofSeconds(2),
            Duration.ofSeconds(2), 1024);
    private HttpServer server;
    private String base;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            seen.add(Map.of("method", ex.getRequestMethod(), "host", ex.getRequestHeaders().getFirst("Host"),
                    "path", ex.getRequestURI().toString(), "body", new String(in, StandardCharsets.UTF_8),
                    "x-custom", String.valueOf(ex.getRequestHeaders().getFirst("X-Custom"))));
            byte[] out = ("echo:" + new String(in, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.getResponseHeaders().add("Set-Thing", "a");
            ex.getResponseHeaders().add("Set-Thing", "b");
            ex.sendResponseHeaders(201, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.createContext("/chunked", ex -> {
            ex.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    out.write(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[4096]);
            }
        });
        server.createContext("/big-declared", ex -> {
            ex.sendResponseHeaders(200, 2048);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[2048]);
            }
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static GuardedHttpClient client(boolean allowPrivate) {
        return new GuardedHttpClient(new OutboundGuard(allowPrivate));
    }

    private Result<GuardedHttpClient.Response, GuardedHttpClient.Failure> get(GuardedHttpClient client, String url) {
        return client.send(GuardedHttpClient.Request.get(URI.create(url), Map.of()), LIMITS);
    }

    @Test
    void sendWhenPostThenBodyHeadersAndStatusRoundTrip() {
        GuardedHttpClient.Response r = client(true).send(new GuardedHttpClient.Request("POST", URI.create(base + "/echo?q=1"),
                Map.of("X-Custom", "yes"), "hello".getBytes(StandardCharsets.UTF_8)), LIMITS).value();
        assertThat(r.status()).isEqualTo(201);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("echo:hello");
        assertThat(r.header("Content-Type")).contains("text/plain");
        assertThat(r.headers("set-thing")).containsExactly("a", "b");
        assertThat(seen).singleElement().satisfies(s -> assertThat(s).containsEntry("method", "POST")
                .containsEntry("path", "/echo?q=1").containsEntry("x-custom", "yes").containsEntry("body", "hello"));
    }

    @Test
    void sendWhenChunkedThenWholeBodyRead() {
        assertThat(new String(get(client(true), base + "/chunked").value().body(), StandardCharsets.UTF_8))
                .isEqualTo("part0;part1;part2;");
    }

    @Test
    void sendWhenPrivateAddressesNotAllowedThenRefusedWithoutConnecting() {
        assertThat(get(client(false), base + "/echo").error()).isInstanceOf(GuardedHttpClient.Refused.class)
                .extracting(GuardedHttpClient.Failure::reason).asString().contains("private or internal address");
        assertThat(get(client(true), "ftp://127.0.0.1/x").error()).isInstanceOf(GuardedHttpClient.Refused.class);
        assertThat(get(client(true), "http://10.0.0.1/x").error().reason()).contains("only https URLs may be fetched");
        assertThat(seen).isEmpty();
    }

    @Test
    void sendWhenAnswerLargerThanLimitThenTooLarge() {
        assertThat(get(client(true), base + "/big").error()).isEqualTo(new GuardedHttpClient.TooLarge(1024));
        assertThat(get(client(true), base + "/big-declared").error()).isEqualTo(new GuardedHttpClient.TooLarge(1024));
    }

    @Test
    void sendWhenServerTooSlowThenUnreachableWithinTheTimeout() {
        long start = System.nanoTime();
        GuardedHttpClient.Failure failure = client(true).send(GuardedHttpClient.Request.get(URI.create(base + "/slow"), Map.of()),
                new GuardedHttpClient.Limits(Duration.ofSeconds(1), Duration.ofMillis(300), 1024)).error();
        assertThat(failure).isEqualTo(new GuardedHttpClient.Unreachable("SocketTimeoutException"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void sendWhenRedirectThenNotFollowed() {
        GuardedHttpClient.Response r = get(client(true), base + "/redirect").value();
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("location")).contains("http://169.254.169.254/latest/meta-data");
    }

    @Test
    void sendWhenRestrictedOrBrokenHeaderThenUnsendable() {
        assertThat(client(true).send(new GuardedHttpClient.Request("GET", URI.create(base + "/echo"), Map.of("Host", "evil"),
                null), LIMITS).error()).isInstanceOf(GuardedHttpClient.Unsendable.class);
        assertThat(client(true).send(new GuardedHttpClient.Request("GET", URI.create(base + "/echo"),
                Map.of("X-Custom", "a\r\nInjected: 1"), null), LIMITS).error().reason()).contains("cannot be sent");
        assertThat(client(true).send(new GuardedHttpClient.Request("GET", URI.create(base + "/echo"),
                Map.of("X-Custom", "bell\u0007"), null), LIMITS).error().reason()).contains("invalid value");
        assertThat(seen).isEmpty();
    }

    @Test
    void sendWhenNameRebindsAfterTheCheckThenConnectsToTheVettedAddressWithTheOriginalHost() {
        AtomicInteger lookups = new AtomicInteger();
        // first answer loopback (passes the guard), any later one an address the test server is not on
        OutboundGuard.HostResolver rebinding = host -> {
            if (!host.equals("rebind.test")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {lookups.getAndIncrement() == 0 ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 9})};
        };
        GuardedHttpClient client = new GuardedHttpClient(new OutboundGuard(true, rebinding));
        int port = server.getAddress().getPort();
        GuardedHttpClient.Response r = get(client, "http://rebind.test:" + port + "/echo").value();
        assertThat(r.status()).isEqualTo(201);
        assertThat(lookups).hasValue(1);
        assertThat(seen).singleElement().satisfies(s -> assertThat(s).containsEntry("host", "rebind.test:" + port));
    }
}

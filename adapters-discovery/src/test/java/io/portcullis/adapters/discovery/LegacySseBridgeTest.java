package io.portcullis.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.portcullis.application.gateway.port.out.McpUpstreamPort.UpstreamRequest;
import io.portcullis.application.gateway.port.out.McpUpstreamPort.UpstreamResponse;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SSE bridge against a real HTTP+SSE (MCP 2024-11-05) server on loopback: GET /sse opens the stream and names
 * /messages?sessionId=… as the endpoint; POSTs there are answered 202 and their answers come on the stream.
 */
class LegacySseBridgeTest {
    private static final String OWNER = "user-1/server-1";
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Map<String, OutputStream> streams = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> open = new ConcurrentHashMap<>();
    private final CompletableFuture<Object> elicited = new CompletableFuture<>();
    private volatile String endpoint = "/messages";
    private HttpServer server;
    private UpstreamStreams http;
    private LegacySseBridge bridge;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/sse", this::stream);
        server.createContext("/messages", this::message);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sse";
        http = new UpstreamStreams(new OutboundGuard(true), new UpstreamStreams.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 1));
        bridge = new LegacySseBridge(http, json, Duration.ofMillis(400));
    }

    @AfterEach
    void stop() {
        bridge.close();
        http.close();
        open.values().forEach(CountDownLatch::countDown);
        server.stop(0);
    }

    private void stream(HttpExchange ex) throws IOException {
        String id = "s" + streams.size();
        seen.add("GET " + ex.getRequestHeaders().getFirst("X-Api-Key") + " " + ex.getRequestHeaders().getFirst("Accept"));
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        CountDownLatch closed = new CountDownLatch(1);
        open.put(id, closed);
        streams.put(id, ex.getResponseBody());
        write(id, "event: endpoint\ndata: " + endpoint + "?sessionId=" + id + "\n\n");
        try {
            while (!closed.await(50, TimeUnit.MILLISECONDS)) {
                try {
                    OutputStream out = ex.getResponseBody();
                    synchronized (out) {
                        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8)); // fails once the bridge let go
                        out.flush();
                    }
                } catch (IOException gone) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        seen.add("CLOSED " + id);
        ex.close();
    }

    @SuppressWarnings("unchecked")
    private void message(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getQuery().substring("sessionId=".length());
        byte[] body = ex.getRequestBody().readAllBytes();
        Map<String, Object> m = json.readValue(body, Map.class);
        seen.add("POST " + ex.getRequestHeaders().getFirst("X-Api-Key") + " " + m.getOrDefault("method", "response"));
        if (!streams.containsKey(id)) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(202, -1);
        ex.close();
        Object rid = m.get("id");
        String method = (String) m.get("method");
        if (method == null) {
            elicited.complete(m.get("result"));
            return;
        }
        if (method.equals("tools/call") && "count".equals(((Map<String, Object>) m.get("params")).get("name"))) {
            for (int i = 1; i <= 2; i++) {
                write(id, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":9,\"progress\":" + i + "}}\n\n");
                sleep(300);
            }
        }
        if (method.equals("tools/call") && "ask".equals(((Map<String, Object>) m.get("params")).get("name"))) {
            write(id, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"method\":\"elicitation/create\",\"params\":{}}\n\n");
            Object answer = elicited.orTimeout(5, TimeUnit.SECONDS).join();
            write(id, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + json.writeValueAsString(rid) + ",\"result\":"
                    + json.writeValueAsString(answer) + "}\n\n");
            return;
        }
        if (rid != null) {
            write(id, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + json.writeValueAsString(rid) + ",\"result\":{\"done\":\""
                    + method + "\"}}\n\n");
        }
    }

    private void write(String id, String event) {
        try {
            OutputStream out = streams.get(id);
            synchronized (out) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException ignored) {
            // the bridge went away
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UpstreamResponse send(String owner, String method, String session, String body) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("content-type", "application/json", "X-Api-Key", "k1",
                "accept", "application/json, text/event-stream"));
        if (session != null) {
            headers.put("mcp-session-id", session);
        }
        Result<UpstreamResponse, GatewayError.UpstreamUnreachable> r = bridge.send(owner, new UpstreamRequest(url, method, headers,
                body.getBytes(StandardCharsets.UTF_8), Optional.empty())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r.isOk()).as("%s", r.isOk() ? "" : r.error()).isTrue();
        return r.value();
    }

    /** The body's events as they arrive, each with when it arrived, and the moment the body ended. */
    private static final class Reader implements Flow.Subscriber<byte[]> {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Long> at = new CopyOnWriteArrayList<>();
        final CompletableFuture<Long> ended = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(byte[] item) {
            events.add(new String(item, StandardCharsets.UTF_8));
            at.add(System.nanoTime());
        }

        @Override
        public void onError(Throwable t) {
            ended.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            ended.complete(System.nanoTime());
        }
    }

    private static Reader read(UpstreamResponse response) throws Exception {
        Reader reader = new Reader();
        response.body().subscribe(reader);
        return reader;
    }

    private String initialize() throws Exception {
        UpstreamResponse init = send(OWNER, "POST", null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.contentType()).isEqualTo("text/event-stream");
        Reader reader = read(init);
        reader.ended.get(5, TimeUnit.SECONDS);
        assertThat(String.join("", reader.events)).contains("\"id\":1").contains("\"done\":\"initialize\"");
        return init.headers().get("mcp-session-id");
    }

    @Test
    void initializeOpensTheUpstreamStreamWithTheCredentialsAndTheAnswerNamesTheSession() throws Exception {
        String session = initialize();
        assertThat(session).hasSizeGreaterThan(20);
        assertThat(seen).containsExactly("GET k1 text/event-stream", "POST k1 initialize");
        UpstreamResponse note = send(OWNER, "POST", session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(note.status()).as("notifications are acknowledged once the upstream took them").isEqualTo(202);
        assertThat(seen).last().isEqualTo("POST k1 notifications/initialized");
        assertThat(bridge.sessions()).isEqualTo(1);
    }

    @Test
    void aCallsStreamCarriesItsProgressAsItComesAndEndsWithItsResult() throws Exception {
        String session = initialize();
        UpstreamResponse call = send(OWNER, "POST", session,
                "{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"_meta\":{\"progressToken\":9}}}");
        Reader reader = read(call);
        long end = reader.ended.get(5, TimeUnit.SECONDS);
        assertThat(reader.events).hasSize(3);
        assertThat(reader.events.get(0)).startsWith("event: message\ndata: ").contains("\"progress\":1");
        assertThat(reader.events.get(2)).contains("\"id\":\"c1\"").contains("\"done\":\"tools/call\"");
        assertThat(TimeUnit.NANOSECONDS.toMillis(end - reader.at.get(0))).as("the first progress came well before the end")
                .isGreaterThanOrEqualTo(450);
    }

    @Test
    void aServerRequestReachesTheCallersStreamAndTheClientsAnswerGoesUpstream() throws Exception {
        String session = initialize();
        Reader reader = read(send(OWNER, "POST", session,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}"));
        for (int i = 0; i < 100 && reader.events.isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(reader.events).singleElement().asString().contains("elicitation/create");
        UpstreamResponse answered = send(OWNER, "POST", session, "{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"result\":{\"name\":\"Ada\"}}");
        assertThat(answered.status()).isEqualTo(202);
        reader.ended.get(5, TimeUnit.SECONDS);
        assertThat(reader.events.get(1)).contains("\"id\":2").contains("Ada");
    }

    @Test
    void aSessionIsFoundOnlyByItsOwnerAndOnlyOnTheReplicaHoldingIt() throws Exception {
        String session = initialize();
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}";
        assertThat(send("user-2/server-1", "POST", session, ping).status()).isEqualTo(404);
        assertThat(send(OWNER, "POST", "no-such-session", ping).status()).as("another replica's session").isEqualTo(404);
        assertThat(send(OWNER, "POST", null, ping).status()).as("no session and no initialize").isEqualTo(400);
        assertThat(send(OWNER, "GET", null, "").status()).isEqualTo(405);
        assertThat(seen).containsExactly("GET k1 text/event-stream", "POST k1 initialize");
    }

    @Test
    void deleteClosesTheUpstreamStreamAndEndsTheSession() throws Exception {
        String session = initialize();
        assertThat(send(OWNER, "DELETE", session, "").status()).isEqualTo(200);
        for (int i = 0; i < 100 && !seen.contains("CLOSED s0"); i++) {
            Thread.sleep(50);
        }
        assertThat(seen).contains("CLOSED s0");
        assertThat(send(OWNER, "POST", session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}").status()).isEqualTo(404);
        assertThat(bridge.sessions()).isZero();
    }

    @Test
    void aSessionNoClientUsedForTheIdleTimeoutIsClosedUpstream() throws Exception {
        initialize();
        for (int i = 0; i < 100 && !seen.contains("CLOSED s0"); i++) {
            Thread.sleep(50);
        }
        assertThat(seen).contains("CLOSED s0");
        assertThat(bridge.sessions()).isZero();
    }

    @Test
    void anEndpointOnAnotherOriginIsNeverGivenTheCredentials() throws Exception {
        endpoint = "http://elsewhere.example/messages";
        Result<UpstreamResponse, GatewayError.UpstreamUnreachable> r = bridge.send(OWNER, new UpstreamRequest(url, "POST",
                Map.of("X-Api-Key", "k1"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}".getBytes(StandardCharsets.UTF_8),
                Optional.empty())).toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertThat(r.isOk()).isFalse();
        assertThat(r.error().reason()).contains("no endpoint");
        for (int i = 0; i < 100 && !seen.contains("CLOSED s0"); i++) {
            Thread.sleep(50); // the server notices the closed stream at its next keep-alive
        }
        assertThat(seen).as("the stream was let go and nothing was posted").containsExactly("GET k1 text/event-stream", "CLOSED s0");
    }
}

package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway relays Streamable HTTP as it flows (PRODUCT §10), against a scripted loopback upstream: events
 * arrive one by one while the upstream is still answering, GET opens the upstream's stream or gets its 405
 * whatever the Accept, the request metadata headers go upstream, listings are filtered event by event, and
 * connections to the upstream are kept alive and reused.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpGatewayStreamingIT extends ServiceTest {
    private HttpServer upstream;
    private ExecutorService upstreamThreads;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private String auth;

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
        upstream.createContext("/slow", ex -> slowEvents(record(ex), ex));
        upstream.createContext("/stream", ex -> {
            Map<String, String> request = record(ex);
            if (ex.getRequestMethod().equals("GET")) {
                events(ex, "id: 7\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"after\":\""
                        + request.getOrDefault("last-event-id", "") + "\"}}\n\n");
            } else if (ex.getRequestMethod().equals("DELETE")) {
                ex.sendResponseHeaders(200, -1);
                ex.close();
            } else if (request.get("body").contains("tools/list")) {
                events(ex, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"ls\"},{\"name\":\"rm\"}]}}\n\n");
            } else {
                json(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
            }
        });
        upstream.createContext("/nostream", ex -> {
            record(ex);
            if (ex.getRequestMethod().equals("GET")) {
                ex.getResponseHeaders().add("Allow", "POST");
                ex.sendResponseHeaders(405, -1);
                ex.close();
            } else {
                json(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
            }
        });
        upstream.start();
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        auth = "Bearer " + ownerSession();
        for (String[] s : new String[][] {{"slow", "/slow", "[]"}, {"stream", "/stream", "[\"rm\"]"}, {"nostream", "/nostream", "[]"}}) {
            assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"" + s[0] + "\",\"slug\":\"" + s[0] + "\",\"url\":\""
                    + base + s[1] + "\",\"enabled\":true,\"tool_deny_list\":" + s[2] + "}", "Authorization", auth).statusCode())
                    .isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        upstream.stop(0);
        upstreamThreads.shutdownNow();
    }

    private Map<String, String> record(HttpExchange ex) throws IOException {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        headers.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        headers.put("method", ex.getRequestMethod());
        headers.put("client-port", String.valueOf(ex.getRemoteAddress().getPort()));
        seen.add(headers);
        return headers;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private static void events(HttpExchange ex, String events) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Mcp-Session-Id", "s-1");
        ex.sendResponseHeaders(200, 0);
        ex.getResponseBody().write(events.getBytes(StandardCharsets.UTF_8));
        ex.close();
    }

    /** Three progress notifications 700 ms apart, then the result. */
    private static void slowEvents(Map<String, String> request, HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            for (int i = 1; i <= 3; i++) {
                out.write(("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":" + i
                        + "}}\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(700);
            }
            out.write("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"done\":true}}\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ex.close();
    }

    private HttpRequest.Builder mcp(String slug, String... headers) {
        return request("/mcp/" + slug, headers).header("Authorization", auth).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
    }

    @Test
    void postWhenUpstreamStreamsEventsThenEachArrivesBeforeTheNextIsSent() throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> r = http.send(mcp("slow").POST(HttpRequest.BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\"}}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<Duration> arrivals = new ArrayList<>();
        List<String> data = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    arrivals.add(Duration.ofNanos(System.nanoTime() - started));
                    data.add(line);
                }
            }
        }
        assertThat(data).hasSize(4);
        assertThat(data.get(0)).contains("\"progress\":1");
        assertThat(data.get(3)).contains("\"done\":true");
        assertThat(arrivals.get(3)).as("the upstream took 2.1 s in all").isGreaterThan(Duration.ofMillis(2000));
        assertThat(arrivals.get(0)).as("the first progress notification came at once, not with the result")
                .isLessThan(arrivals.get(3).minus(Duration.ofMillis(1200)));
    }

    @Test
    void getWhenUpstreamOffersNoStreamThen405WhateverTheAccept() {
        for (String accept : List.of("text/event-stream", "application/json", "*/*")) {
            HttpResponse<String> r = send(request("/mcp/nostream", "Authorization", auth, "Accept", accept).GET().build());
            assertThat(r.statusCode()).as(accept).isEqualTo(405);
        }
        assertThat(send(request("/mcp/nothing", "Authorization", auth, "Accept", "text/event-stream").GET().build())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void getWhenUpstreamOffersAStreamThenRelayedWithLastEventIdAndSession() {
        seen.clear();
        HttpResponse<String> r = send(request("/mcp/stream", "Authorization", auth, "Accept", "text/event-stream",
                "Mcp-Session-Id", "s-1", "Last-Event-ID", "6").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(r.body()).contains("id: 7").contains("\"after\":\"6\"");
        assertThat(seen).singleElement().satisfies(h -> assertThat(h).containsEntry("mcp-session-id", "s-1")
                .containsEntry("last-event-id", "6").containsEntry("method", "GET").doesNotContainKey("authorization"));
        assertThat(send(request("/mcp/stream", "Authorization", auth, "Mcp-Session-Id", "s-1").DELETE().build()).statusCode())
                .isEqualTo(200);
        assertThat(seen.get(1)).containsEntry("method", "DELETE").containsEntry("mcp-session-id", "s-1");
    }

    @Test
    void postWhenMetadataHeadersSentThenForwardedAndListingsFilteredPerEvent() {
        seen.clear();
        HttpResponse<String> listed = send(mcp("stream", "Mcp-Method", "tools/list", "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Param-Region", "eu").POST(HttpRequest.BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).build());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).startsWith("event: message\n").contains("\"ls\"").doesNotContain("\"rm\"");
        assertThat(listed.headers().firstValue("Mcp-Session-Id")).contains("s-1");
        assertThat(seen.get(0)).containsEntry("mcp-method", "tools/list").containsEntry("mcp-protocol-version", "2026-07-28")
                .containsEntry("mcp-param-region", "eu");
        HttpResponse<String> call = send(mcp("stream", "Mcp-Method", "tools/call", "Mcp-Name", "ls").POST(
                HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ls\"}}"))
                .build());
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(seen.get(1)).containsEntry("mcp-name", "ls").containsEntry("mcp-method", "tools/call");
        HttpResponse<String> mismatch = send(mcp("stream", "Mcp-Method", "tools/call", "Mcp-Name", "ls").POST(
                HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"rm\"}}"))
                .build());
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("-32020");
        assertThat(seen).hasSize(2);
    }

    @Test
    void postWhenSentOneAfterAnotherThenTheUpstreamConnectionIsReused() {
        // the first request of a credential or server not yet in memory is relayed from a worker thread, on a connection
        // of the client's own loops; the ones after it run on the network thread, whose loop keeps its own connection
        assertThat(send(mcp("nostream").POST(HttpRequest.BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ping\"}")).build()).statusCode()).isEqualTo(200);
        seen.clear();
        for (int i = 0; i < 5; i++) {
            assertThat(send(mcp("nostream").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build()).statusCode()).isEqualTo(200);
        }
        assertThat(seen).hasSize(5);
        assertThat(seen.stream().map(h -> h.get("client-port")).distinct()).as("one kept-alive connection").hasSize(1);
        assertThat(seen).allSatisfy(h -> assertThat(h).doesNotContainEntry("connection", "close"));
    }
}

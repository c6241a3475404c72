package io.portcullis.bootstrap.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.portcullis.bootstrap.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bridged {@code transport: sse} session lives on the replica that opened it (PRODUCT §10, §12). A request naming it
 * that lands on the other replica — no session affinity in front — is answered 404 with a JSON-RPC error that says to
 * start a new session (MCP's rule for an unknown session), never a 500; the client's new {@code initialize} there
 * works, and the first replica still serves the first session.
 */
class LegacySseReplicasIT extends TwoGatewayReplicas {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");
    private final Map<String, OutputStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private HttpServer legacy;
    private ExecutorService legacyThreads;
    private volatile boolean stopping;

    @Override
    protected Map<String, Object> settings() {
        return Map.of();
    }

    @BeforeAll
    void startLegacyServer() throws IOException {
        legacy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        legacyThreads = Executors.newCachedThreadPool();
        legacy.setExecutor(legacyThreads);
        legacy.createContext("/sse", this::stream);
        legacy.createContext("/messages", this::message);
        legacy.start();
        HttpResponse<String> created = send(one, "POST", "/api/v2/mcp/servers", "{\"display_name\":\"Old\",\"slug\":\"old\","
                + "\"transport\":\"sse\",\"url\":\"http://127.0.0.1:" + legacy.getAddress().getPort() + "/sse\",\"auth_type\":\"none\","
                + "\"availability\":\"force_on\",\"enabled\":true}", ownerSession);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    void stopLegacyServer() {
        stopping = true;
        legacy.stop(0);
        legacyThreads.shutdownNow();
    }

    /** GET /sse: names /messages?sessionId=… and stays open (a comment now and then) until the bridge lets go. */
    private void stream(HttpExchange ex) throws IOException {
        String id = "u" + opened.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        streams.put(id, ex.getResponseBody());
        try {
            write(id, "event: endpoint\ndata: /messages?sessionId=" + id + "\n\n");
            while (!stopping) {
                Thread.sleep(200);
                write(id, ": keep-alive\n\n");
            }
        } catch (IOException | InterruptedException gone) {
            // the bridge closed the stream
        } finally {
            streams.remove(id);
            ex.close();
        }
    }

    /** POST /messages: 202, and the answer to a request on the session's stream. */
    private void message(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getQuery().substring("sessionId=".length());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ex.sendResponseHeaders(streams.containsKey(id) ? 202 : 404, -1);
        ex.close();
        Matcher rid = ID.matcher(body);
        if (streams.containsKey(id) && rid.find()) {
            String result = body.contains("\"initialize\"")
                    ? "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}"
                    : "{\"tools\":[{\"name\":\"shout\",\"inputSchema\":{\"type\":\"object\"}}]}";
            write(id, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + rid.group(1) + ",\"result\":" + result + "}\n\n");
        }
    }

    private void write(String id, String event) throws IOException {
        OutputStream out = streams.get(id);
        if (out == null) {
            throw new IOException("no stream " + id);
        }
        synchronized (out) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private HttpResponse<String> mcp(EmbeddedServer replica, String method, String session, String rpc) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(replica.getURL() + "/mcp/old"))
                .header("Authorization", "Bearer " + ownerSession).header("Accept", "application/json, text/event-stream")
                .method(method, rpc == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(rpc));
        if (rpc != null) {
            b.header("Content-Type", "application/json");
        }
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String initialize(EmbeddedServer replica) {
        HttpResponse<String> init = mcp(replica, "POST", null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        assertThat(init.body()).contains("\"protocolVersion\":\"2024-11-05\"");
        return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    @Test
    void bridgedSessionWhenAFollowUpLandsOnTheOtherReplicaThen404WithAJsonRpcErrorToReinitializeAndANewSessionThereWorks() {
        String session = initialize(one);
        assertThat(mcp(one, "POST", session, LIST).body()).as("the replica that opened it serves it").contains("\"shout\"");

        HttpResponse<String> elsewhere = mcp(two, "POST", session, LIST);
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(404);
        assertThat(elsewhere.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(Json.object(elsewhere.body())).containsEntry("jsonrpc", "2.0").containsKey("error");
        assertThat(elsewhere.body()).contains("-32001").contains("Session not found")
                .contains("another Portcullis replica").contains("initialize");
        assertThat(mcp(two, "GET", session, null).statusCode()).as("its stream is not here either").isEqualTo(404);
        assertThat(mcp(two, "DELETE", session, null).statusCode()).isEqualTo(404);

        String fresh = initialize(two);
        assertThat(fresh).isNotEqualTo(session);
        assertThat(mcp(two, "POST", fresh, LIST).body()).as("re-initialized on this replica").contains("\"shout\"");
        assertThat(mcp(one, "POST", session, LIST).body()).as("and the first session is untouched").contains("\"shout\"");
        assertThat(mcp(one, "DELETE", session, null).statusCode()).isEqualTo(200);
    }
}

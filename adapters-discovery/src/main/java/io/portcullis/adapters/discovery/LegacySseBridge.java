package io.portcullis.adapters.discovery;

import io.micronaut.json.JsonMapper;
import io.portcullis.application.gateway.port.out.LegacySseUpstreamPort;
import io.portcullis.application.gateway.port.out.McpUpstreamPort;
import io.portcullis.application.gateway.port.out.McpUpstreamPort.UpstreamRequest;
import io.portcullis.application.gateway.port.out.McpUpstreamPort.UpstreamResponse;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Bridges {@code transport: sse} upstreams (HTTP+SSE, MCP 2024-11-05) to Streamable HTTP. An {@code initialize} POST
 * without {@code Mcp-Session-Id} opens the upstream's event stream (GET), waits for its {@code endpoint} event and
 * starts a session whose id the answer carries; each POST of the session goes to that endpoint, and its answer is an
 * event stream of the upstream's messages for it ({@link LegacySseSession}); a POST of only notifications or responses
 * (the client's answers to server requests) is answered 202 once the upstream took it. GET opens the client's stream
 * of the session's other messages; DELETE ends the session. Sessions live in this replica's memory: a request naming a
 * session this replica does not hold — another replica's, an ended or idle one — is answered 404, on which MCP clients
 * start a new session. A session no client used for the idle timeout is closed, and so is one whose upstream stream
 * is silent for that long (the relay's idle timeout, {@link UpstreamStreams}).
 */
public final class LegacySseBridge implements LegacySseUpstreamPort, AutoCloseable {
    private static final Set<String> MCP_HEADERS = Set.of("content-type", "accept", "mcp-session-id", "mcp-protocol-version",
            "last-event-id", "mcp-method", "mcp-name");
    private static final Duration ENDPOINT_WAIT = Duration.ofSeconds(10);
    /** The answer to a session id this replica does not hold: MCP clients start again on a 404, and people read why. */
    static final String ELSEWHERE = "Session not found on this Portcullis replica: a bridged (HTTP+SSE) session lives on the "
            + "replica that opened it, and this one holds none by that id (another Portcullis replica opened it, or it ended). "
            + "Start a new session with initialize; route /mcp requests by client or Mcp-Session-Id to keep sessions on one replica.";
    private final UpstreamStreams http;
    private final LegacySseMessages messages;
    private final Duration idleTimeout;
    private final LongSupplier nanos;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, LegacySseSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-bridge-sweeper");
        t.setDaemon(true);
        return t;
    });

    public LegacySseBridge(UpstreamStreams http, JsonMapper json, Duration idleTimeout) {
        this(http, json, idleTimeout, System::nanoTime);
    }

    LegacySseBridge(UpstreamStreams http, JsonMapper json, Duration idleTimeout, LongSupplier nanos) {
        this.http = http;
        this.messages = new LegacySseMessages(json);
        this.idleTimeout = idleTimeout;
        this.nanos = nanos;
        long every = Math.max(50, Math.min(idleTimeout.toMillis() / 4, 30_000));
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<Result<UpstreamResponse, GatewayError.UpstreamUnreachable>> send(String owner, UpstreamRequest request) {
        String sessionId = request.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("mcp-session-id"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (sessionId == null) {
            if (!request.method().equals("POST")) {
                return answer(request.method().equals("DELETE") ? 404 : 405, "this MCP server keeps no session without one");
            }
            var posted = messages.posted(request.body());
            if (posted.isEmpty() || !posted.get().initializes()) {
                return answer(400, "Bad Request: no Mcp-Session-Id; begin a session with initialize");
            }
            return open(owner, request).thenCompose(opened -> opened.isOk()
                    ? new LegacySsePost(http, messages).post(opened.value(), request) : CompletableFuture.completedFuture(opened.error()));
        }
        LegacySseSession session = sessions.get(sessionId);
        if (session == null || !session.ownedBy(owner)) {
            return answer(404, ELSEWHERE);
        }
        session.used(nanos.getAsLong());
        return switch (request.method()) {
            case "POST" -> new LegacySsePost(http, messages).post(session, request);
            case "GET" -> CompletableFuture.completedFuture(Result.ok(new UpstreamResponse(200, Map.of("content-type", "text/event-stream",
                    "mcp-session-id", session.id()), session.listen())));
            case "DELETE" -> {
                session.close();
                yield answer(200, null);
            }
            default -> answer(405, "method not allowed");
        };
    }

    /** Opens the upstream's event stream and waits for its POST endpoint; the error is the answer to give instead. */
    private CompletableFuture<Result<LegacySseSession, Result<UpstreamResponse, GatewayError.UpstreamUnreachable>>> open(String owner,
            UpstreamRequest request) {
        URI uri = URI.create(request.url());
        Map<String, String> headers = credentials(request.headers());
        headers.put("accept", "text/event-stream");
        return http.send(new GuardedHttpClient.Request("GET", uri, headers, new byte[0])).thenCompose(sent -> {
            if (!sent.isOk()) {
                return failed(new GatewayError.UpstreamUnreachable(request.url(), uri.getHost() + " could not be reached ("
                        + sent.error().reason() + ")"));
            }
            UpstreamStreams.Streamed head = sent.value();
            boolean events = head.header("content-type").orElse("").toLowerCase(Locale.ROOT).startsWith("text/event-stream");
            if (head.status() != 200 || !events) {
                McpUpstreamPort.UpstreamResponse refused = new UpstreamResponse(head.status(), Map.of(), head.body());
                if (head.status() == 401 || head.status() == 403) {
                    return CompletableFuture.completedFuture(Result.err(Result.ok(refused)));
                }
                refused.discard();
                return failed(new GatewayError.UpstreamUnreachable(request.url(), "its event stream answered HTTP " + head.status()));
            }
            String id = newId();
            LegacySseSession session = new LegacySseSession(id, owner, uri, messages, () -> sessions.remove(id), nanos.getAsLong());
            sessions.put(id, session);
            head.body().subscribe(session);
            return session.endpoint().orTimeout(ENDPOINT_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .<Result<LegacySseSession, Result<UpstreamResponse, GatewayError.UpstreamUnreachable>>>thenApply(e -> Result.ok(session))
                    .exceptionallyCompose(e -> {
                        session.close();
                        return failed(new GatewayError.UpstreamUnreachable(request.url(), "its event stream named no endpoint"));
                    });
        });
    }

    private static <T> CompletableFuture<Result<T, Result<UpstreamResponse, GatewayError.UpstreamUnreachable>>> failed(
            GatewayError.UpstreamUnreachable why) {
        return CompletableFuture.completedFuture(Result.err(Result.err(why)));
    }

    /** The brokered credentials among a request's headers: everything but the MCP ones the client sent. */
    static Map<String, String> credentials(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!MCP_HEADERS.contains(lower) && !lower.startsWith("mcp-param-")) {
                out.put(name, value);
            }
        });
        return out;
    }

    static CompletableFuture<Result<UpstreamResponse, GatewayError.UpstreamUnreachable>> answer(int status, String message) {
        if (message == null) {
            return CompletableFuture.completedFuture(Result.ok(new UpstreamResponse(status, Map.of(), McpUpstreamPort.whole(new byte[0]))));
        }
        String body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + (status == 404 ? -32001 : -32600) + ",\"message\":\""
                + message.replace("\"", "'") + "\"}}";
        return CompletableFuture.completedFuture(Result.ok(new UpstreamResponse(status, Map.of("content-type", "application/json"),
                McpUpstreamPort.whole(body.getBytes(StandardCharsets.UTF_8)))));
    }

    private String newId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Closes the sessions no client used for the idle timeout. */
    void sweep() {
        long cutoff = nanos.getAsLong() - idleTimeout.toNanos();
        sessions.values().stream().filter(s -> s.idleSince(cutoff)).toList().forEach(LegacySseSession::close);
    }

    /** How many sessions this replica holds (tests). */
    int sessions() {
        return sessions.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        sessions.values().forEach(LegacySseSession::close);
    }
}

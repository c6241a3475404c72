package io.portcullis.application.gateway.service;

import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayMcpRequestCommand;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayedAnswer;
import io.portcullis.application.gateway.port.out.McpJsonPort;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.UnreadBody;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.registry.RegistryError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Requests of the aggregated server to one of its servers, through the gateway relay, on an upstream session per
 * user and server that Portcullis holds: initialized on first use ({@code initialize}, then
 * {@code notifications/initialized}), reused by its {@code Mcp-Session-Id}, and initialized again once when the
 * server answers 404 (it forgot the session). Each request carries the client's address, so the per-address limit
 * counts it as it counts a request to {@code /mcp/<slug>}; a rate limit's refusal is {@link AggregateOutcome.Limited}.
 */
final class UpstreamCalls {
    static final String PROTOCOL_VERSION = "2025-06-18";
    private static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    private final RelayMcpRequestUseCase relay;
    private final McpJsonPort json;
    private final UpstreamSessions sessions;
    private final UnaryOperator<String> connectUrl;
    private final AtomicLong ids = new AtomicLong();

    /** {@code connectUrl} turns a server id into the URL where a user connects their account to it. */
    UpstreamCalls(RelayMcpRequestUseCase relay, McpJsonPort json, UpstreamSessions sessions, UnaryOperator<String> connectUrl) {
        this.relay = relay;
        this.json = json;
        this.sessions = sessions;
        this.connectUrl = connectUrl;
    }

    /** Who asks: the user (and key) and, when known, the client's address. */
    record Caller(Principal actor, Optional<ClientAddress> from) {
    }

    /** One request, on the user's session with the server (made first when there is none). */
    CompletionStage<AggregateOutcome> call(Caller caller, PublishedServer server, String method, Map<String, Object> params) {
        Optional<UpstreamSessions.Session> held = sessions.get(caller.actor(), server);
        if (held.isPresent()) {
            return send(caller, server, held.get(), method, params).thenCompose(sent -> sent.gone()
                    ? fresh(caller, server, method, params) : CompletableFuture.completedFuture(sent.outcome()));
        }
        return fresh(caller, server, method, params);
    }

    private CompletionStage<AggregateOutcome> fresh(Caller caller, PublishedServer server, String method, Map<String, Object> params) {
        sessions.forget(caller.actor(), server);
        return send(caller, server, UpstreamSessions.Session.NONE, "initialize", Map.of("protocolVersion", PROTOCOL_VERSION,
                "capabilities", Map.of(), "clientInfo", Map.of("name", "Portcullis", "version", "1")))
                .thenCompose(init -> {
                    if (!(init.outcome() instanceof AggregateOutcome.Answered answered) || !(answered.message().get("result")
                            instanceof Map<?, ?> result)) {
                        return CompletableFuture.completedFuture(init.gone()
                                ? new AggregateOutcome.Failed("initialize answered 404", null) : init.outcome());
                    }
                    Object version = result.get("protocolVersion");
                    UpstreamSessions.Session session = new UpstreamSessions.Session(init.sessionId(),
                            version instanceof String v ? v : PROTOCOL_VERSION);
                    sessions.keep(caller.actor(), server, session);
                    return notifyInitialized(caller, server, session)
                            .thenCompose(ignored -> send(caller, server, session, method, params))
                            .thenApply(Sent::outcome);
                });
    }

    private CompletionStage<Void> notifyInitialized(Caller caller, PublishedServer server, UpstreamSessions.Session session) {
        byte[] body = json.write(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
        return relay.relay(new RelayMcpRequestCommand(caller.actor(), server.slug(), "POST", session.headers(), body, caller.from()))
                .thenAccept(r -> {
                    if (r.isOk()) {
                        r.value().body().subscribe(new UnreadBody());
                    }
                });
    }

    /** The outcome of one request, whether the server had forgotten the session, and the session id it named. */
    private record Sent(AggregateOutcome outcome, boolean gone, String sessionId) {
    }

    private CompletionStage<Sent> send(Caller caller, PublishedServer server, UpstreamSessions.Session session, String method,
            Map<String, Object> params) {
        String id = "portcullis-" + ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        return relay.relay(new RelayMcpRequestCommand(caller.actor(), server.slug(), "POST", session.headers(), json.write(message),
                caller.from()))
                .thenCompose(relayed -> {
                    if (!relayed.isOk()) {
                        return CompletableFuture.completedFuture(new Sent(refused(relayed.error()), false, ""));
                    }
                    RelayedAnswer answer = relayed.value();
                    String sessionId = answer.headers().getOrDefault("mcp-session-id", "");
                    if (answer.status() >= 300) {
                        answer.body().subscribe(new UnreadBody());
                        return CompletableFuture.completedFuture(new Sent(new AggregateOutcome.Failed(
                                "the server answered HTTP " + answer.status(), null), answer.status() == 404 && session.held(), ""));
                    }
                    String type = answer.headers().getOrDefault("content-type", "");
                    return BodyCollector.collect(answer.body(), MAX_ANSWER_BYTES)
                            .thenApply(bytes -> json.answerTo(id, bytes, type)
                                    .<AggregateOutcome>map(AggregateOutcome.Answered::new)
                                    .orElse(new AggregateOutcome.Failed("the server sent no answer", null)))
                            .exceptionally(e -> new AggregateOutcome.Failed("the answer could not be read: " + e.getMessage(), null))
                            .thenApply(outcome -> new Sent(outcome, false, sessionId));
                });
    }

    private AggregateOutcome refused(GatewayError error) {
        if (error instanceof GatewayError.NoCredentials missing && missing.cause() instanceof RegistryError.NotConnected) {
            return new AggregateOutcome.NotConnected(connectUrl.apply(missing.serverId()));
        }
        if (error instanceof GatewayError.RateLimited limit) {
            return new AggregateOutcome.Limited(limit);
        }
        return new AggregateOutcome.Failed(error.message(), error);
    }
}

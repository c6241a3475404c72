package io.portcullis.adapters.discovery;

import io.portcullis.application.gateway.port.out.McpUpstreamPort;
import io.portcullis.application.gateway.port.out.McpUpstreamPort.UpstreamRequest;
import io.portcullis.application.gateway.port.out.McpUpstreamPort.UpstreamResponse;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * One client POST on a bridged session: its messages go to the upstream's POST endpoint with the brokered
 * credentials; the client gets an event stream that ends with the responses to its requests, or 202 when it sent
 * none. The upstream's 404 ends the session (the client gets 404 too and starts a new one).
 */
final class LegacySsePost {
    private final UpstreamStreams http;
    private final LegacySseMessages messages;

    LegacySsePost(UpstreamStreams http, LegacySseMessages messages) {
        this.http = http;
        this.messages = messages;
    }

    CompletableFuture<Result<UpstreamResponse, GatewayError.UpstreamUnreachable>> post(LegacySseSession session, UpstreamRequest request) {
        Optional<LegacySseMessages.Posted> posted = messages.posted(request.body());
        if (posted.isEmpty()) {
            return LegacySseBridge.answer(400, "Parse error: the body is not JSON");
        }
        List<String> ids = posted.get().requestIds();
        UnaryOperator<byte[]> rewrite = request.rewrite().<UnaryOperator<byte[]>>map(r -> event -> r.rewrite(event, "text/event-stream"))
                .orElse(UnaryOperator.identity());
        ClientEventStream stream = ids.isEmpty() ? null : session.await(ids, posted.get().progressTokens(), rewrite);
        Map<String, String> headers = LegacySseBridge.credentials(request.headers());
        headers.put("content-type", "application/json");
        return session.endpoint().thenCompose(endpoint -> http.send(new GuardedHttpClient.Request("POST", endpoint, headers, request.body())))
                .<Result<UpstreamResponse, GatewayError.UpstreamUnreachable>>thenApply(sent -> {
                    if (!sent.isOk()) {
                        session.forget(ids);
                        return Result.err(new GatewayError.UpstreamUnreachable(
                                request.url(), "its message endpoint could not be reached (" + sent.error().reason() + ")"));
                    }
                    UpstreamStreams.Streamed head = sent.value();
                    if (head.status() / 100 == 2) {
                        new UpstreamResponse(head.status(), Map.of(), head.body()).discard();
                        return stream == null
                                ? Result.ok(new UpstreamResponse(202, Map.of("mcp-session-id", session.id()),
                                        McpUpstreamPort.whole(new byte[0])))
                                : Result.ok(new UpstreamResponse(200, Map.of("content-type", "text/event-stream",
                                        "mcp-session-id", session.id()), stream));
                    }
                    session.forget(ids);
                    if (head.status() == 404) {
                        new UpstreamResponse(head.status(), Map.of(), head.body()).discard();
                        session.close();
                        return LegacySseBridge.answer(404, "Session not found").join();
                    }
                    return Result.ok(new UpstreamResponse(head.status(), head.header("content-type").map(t -> Map.of("content-type", t))
                            .orElse(Map.of()), head.body()));
                })
                .exceptionally(e -> {
                    session.forget(ids);
                    return Result.err(new GatewayError.UpstreamUnreachable(request.url(), "the session's event stream ended"));
                });
    }
}

package io.portcullis.adapters.discovery;

import io.portcullis.application.gateway.port.out.McpUpstreamPort;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.WholeBody;
import io.portcullis.domain.shared.Result;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Relays gateway requests to upstream MCP servers over {@link UpstreamStreams}: answers flow back as they
 * arrive — an event stream event by event — with no cap on a stream's length and at most 4 MiB per message
 * (PRODUCT §10); only MCP-relevant headers are passed back.
 */
public final class HttpMcpUpstream implements McpUpstreamPort {
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    private static final List<String> RETURNED = List.of("content-type", "mcp-session-id", "allow");
    private final UpstreamStreams http;
    /** Server URLs parsed once (~2% of a relayed request's CPU each time); at most {@link #MAX_URLS}. */
    private final Map<String, URI> parsed = new ConcurrentHashMap<>();
    private static final int MAX_URLS = 1024;

    public HttpMcpUpstream(UpstreamStreams http) {
        this.http = http;
    }

    @Override
    public CompletionStage<Result<UpstreamResponse, GatewayError.UpstreamUnreachable>> send(UpstreamRequest request) {
        String url = request.url();
        URI uri = parsed.get(url);
        if (uri == null) {
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                return CompletableFuture.completedFuture(Result.err(new GatewayError.UpstreamUnreachable(url, "the server URL is malformed")));
            }
            if (parsed.size() >= MAX_URLS) {
                parsed.clear();
            }
            parsed.put(url, uri);
        }
        URI target = uri;
        return http.send(new GuardedHttpClient.Request(request.method(), target, request.headers(), request.body()))
                .thenApply(sent -> {
                    if (!sent.isOk()) {
                        GuardedHttpClient.Failure f = sent.error();
                        String reason = f instanceof GuardedHttpClient.Unreachable
                                ? target.getHost() + " could not be reached (" + f.reason() + ")" : f.reason();
                        return Result.err(new GatewayError.UpstreamUnreachable(url, reason));
                    }
                    return Result.ok(relayed(sent.value(), request));
                });
    }

    private static UpstreamResponse relayed(UpstreamStreams.Streamed answer, UpstreamRequest request) {
        Map<String, String> returned = new LinkedHashMap<>();
        for (String name : RETURNED) {
            answer.header(name).ifPresent(v -> returned.put(name, v));
        }
        if (answer.status() == 403) { // read by the gateway for a step-up (insufficient_scope), never relayed
            answer.header("www-authenticate").ifPresent(v -> returned.put("www-authenticate", v));
        }
        String type = answer.header("content-type").orElse("");
        boolean events = type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        if (!events && answer.body() instanceof WholeBody whole) { // read to its end already (small, with a length)
            return new UpstreamResponse(answer.status(), returned, request.rewrite().isEmpty() ? whole
                    : new WholeBody(request.rewrite().get().rewrite(whole.bytes(), type)));
        }
        RelayedBody.Framing framing = events ? RelayedBody.Framing.EVENTS
                : request.rewrite().isPresent() ? RelayedBody.Framing.WHOLE : RelayedBody.Framing.PASS;
        UnaryOperator<byte[]> rewrite = request.rewrite()
                .<UnaryOperator<byte[]>>map(r -> message -> r.rewrite(message, type)).orElse(UnaryOperator.identity());
        return new UpstreamResponse(answer.status(), returned,
                new RelayedBody(answer.body(), framing, MAX_MESSAGE_BYTES, rewrite));
    }
}

package io.portcullis.adapters.discovery;

import io.portcullis.application.gateway.port.out.McpUpstreamPort;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relays gateway requests to upstream MCP servers over the {@link GuardedHttpClient}: 10 s to connect, 60 s in
 * all (tool calls take longer than discovery's 10 s), answers of at most 4 MiB read whole, only MCP-relevant
 * headers passed back. A blocking client on the gateway's own executor for now: Micronaut's streaming client
 * cannot be pinned to the vetted address.
 */
public final class HttpMcpUpstream implements McpUpstreamPort {
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final GuardedHttpClient.Limits LIMITS = new GuardedHttpClient.Limits(Duration.ofSeconds(10),
            Duration.ofSeconds(60), MAX_BYTES);
    private static final List<String> RETURNED = List.of("content-type", "mcp-session-id");
    private final GuardedHttpClient http;

    public HttpMcpUpstream(GuardedHttpClient http) {
        this.http = http;
    }

    @Override
    public Result<UpstreamResponse, GatewayError.UpstreamUnreachable> send(String url, String method,
            Map<String, String> headers, byte[] body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Result.err(new GatewayError.UpstreamUnreachable(url, "the server URL is malformed"));
        }
        Result<GuardedHttpClient.Response, GuardedHttpClient.Failure> sent =
                http.send(new GuardedHttpClient.Request(method, uri, headers, body), LIMITS);
        if (!sent.isOk()) {
            GuardedHttpClient.Failure f = sent.error();
            String reason = f instanceof GuardedHttpClient.Unreachable ? uri.getHost() + " could not be reached (" + f.reason() + ")"
                    : f instanceof GuardedHttpClient.TooLarge ? "the MCP server answered with more than 4 MiB" : f.reason();
            return Result.err(new GatewayError.UpstreamUnreachable(url, reason));
        }
        GuardedHttpClient.Response response = sent.value();
        Map<String, String> returned = new LinkedHashMap<>();
        for (String name : RETURNED) {
            response.header(name).ifPresent(v -> returned.put(name, v));
        }
        return Result.ok(new UpstreamResponse(response.status(), returned, response.body()));
    }
}

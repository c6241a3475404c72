package io.portcullis.adapters.discovery;

import io.portcullis.application.registry.port.out.McpUpstreamPort;
import io.portcullis.domain.shared.Result;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forwards gateway requests to upstream MCP servers: guarded address, no redirects, 60 s (tool calls take
 * longer than discovery's 10 s), answers of at most 4 MiB read whole, only MCP-relevant headers passed back.
 */
public final class HttpMcpUpstream implements McpUpstreamPort {
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final List<String> RETURNED = List.of("content-type", "mcp-session-id");
    private final OutboundGuard guard;
    // HTTP/1.1 explicitly: the JDK's default (HTTP/2) offers an h2c upgrade on every plain-http connection
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    public HttpMcpUpstream(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    public Result<UpstreamResponse, String> forward(String url, String method, Map<String, String> headers, byte[] body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Result.err("the server URL is malformed");
        }
        Optional<String> refused = guard.refuse(uri);
        if (refused.isPresent()) {
            return Result.err(refused.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            headers.forEach(request::header);
        } catch (IllegalArgumentException restricted) {
            return Result.err("a configured header cannot be sent: " + restricted.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    return Result.err("the MCP server answered with more than 4 MiB");
                }
                Map<String, String> returned = new LinkedHashMap<>();
                for (String name : RETURNED) {
                    response.headers().firstValue(name).ifPresent(v -> returned.put(name, v));
                }
                return Result.ok(new UpstreamResponse(response.statusCode(), returned, bytes));
            }
        } catch (IOException e) {
            return Result.err(uri.getHost() + " could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.err("interrupted");
        }
    }
}

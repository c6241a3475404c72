package io.portcullis.adapters.http.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayMcpRequestCommand;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayedAnswer;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.FindPublishedServerUseCase;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MCP gateway (Streamable HTTP): {@code /mcp/<slug>} is a protected resource of its own — tokens must carry
 * it (or the access URL) as audience — and requests go to the upstream server with brokered credentials.
 * GET streams are not offered (405), which Streamable HTTP allows. Runs on the {@code gateway} executor, so
 * slow upstreams (up to 60 s) never hold the threads of the token endpoint or the pages. Authentication, for this
 * path's resource, happens before the server is looked up: callers without credentials cannot tell published
 * slugs from unknown ones.
 */
@Controller("/mcp/{slug}")
@ExecuteOn(McpGatewayController.EXECUTOR)
@RequiresScope(value = "mcp_gateway:use", resource = "/mcp/{slug}")
public final class McpGatewayController {
    /** The named executor ({@code micronaut.executors.gateway}) gateway requests run on. */
    public static final String EXECUTOR = "gateway";
    private static final List<String> FORWARDED = List.of("content-type", "accept", "mcp-session-id", "mcp-protocol-version",
            "last-event-id");
    private final RelayMcpRequestUseCase gateway;
    private final FindPublishedServerUseCase published;

    public McpGatewayController(RelayMcpRequestUseCase gateway, FindPublishedServerUseCase published) {
        this.gateway = gateway;
        this.published = published;
    }

    @Post(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @Consumes(MediaType.ALL)
    HttpResponse<?> post(HttpRequest<?> request, Principal actor, @PathVariable String slug, @Nullable @Body byte[] body) {
        return answer(gateway.relay(new RelayMcpRequestCommand(actor, slug, "POST", forwarded(request), body)));
    }

    @Delete
    HttpResponse<?> delete(HttpRequest<?> request, Principal actor, @PathVariable String slug) {
        return answer(gateway.relay(new RelayMcpRequestCommand(actor, slug, "DELETE", forwarded(request), new byte[0])));
    }

    @Get
    HttpResponse<?> get(@PathVariable String slug) {
        if (published.findPublished(slug).isEmpty()) {
            throw ApiException.notFound("No MCP server is published at this path.");
        }
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST, DELETE")
                .body(new ApiError("This gateway does not offer a server-initiated stream; use POST."));
    }

    private static Map<String, String> forwarded(HttpRequest<?> request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : FORWARDED) {
            String value = request.getHeaders().get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static HttpResponse<?> answer(Result<RelayedAnswer, GatewayError> result) {
        if (!result.isOk()) {
            return GatewayErrorResponses.of(result.error());
        }
        RelayedAnswer upstream = result.value();
        HttpStatus status;
        try {
            status = HttpStatus.valueOf(upstream.status());
        } catch (IllegalArgumentException unknownCode) {
            throw GatewayErrorResponses.badGateway("the MCP server answered with HTTP status " + upstream.status());
        }
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(status).body(upstream.body());
        upstream.headers().forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).equals("content-type")) {
                try {
                    response.contentType(MediaType.of(value));
                } catch (RuntimeException unparseable) {
                    response.contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE);
                }
            } else {
                response.header(name, value);
            }
        });
        return response;
    }
}

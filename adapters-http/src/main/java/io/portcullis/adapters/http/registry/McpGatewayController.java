package io.portcullis.adapters.http.registry;

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
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ForwardMcpRequestUseCase;
import io.portcullis.application.registry.port.out.McpUpstreamPort.UpstreamResponse;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.shared.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MCP gateway (Streamable HTTP): {@code /mcp/<slug>} is a protected resource of its own — tokens must carry
 * it (or the access URL) as audience — and requests go to the upstream server with brokered credentials.
 * GET streams are not offered (405), which Streamable HTTP allows. Authentication, for this path's resource,
 * happens before the server is looked up: callers without credentials cannot tell published slugs from unknown ones.
 */
@Controller("/mcp/{slug}")
@RequiresScope(value = "mcp_gateway:use", resource = "/mcp/{slug}")
public final class McpGatewayController {
    private static final List<String> FORWARDED = List.of("content-type", "accept", "mcp-session-id", "mcp-protocol-version",
            "last-event-id");
    private final ForwardMcpRequestUseCase gateway;
    private final JsonMapper json;

    public McpGatewayController(ForwardMcpRequestUseCase gateway, JsonMapper json) {
        this.gateway = gateway;
        this.json = json;
    }

    @Post(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @Consumes(MediaType.ALL)
    HttpResponse<?> post(HttpRequest<?> request, Principal actor, @PathVariable String slug, @Nullable @Body byte[] body) {
        byte[] payload = body == null ? new byte[0] : body;
        List<String> tools;
        try {
            tools = toolCalls(payload);
        } catch (IOException e) {
            return HttpResponse.badRequest(Map.of("jsonrpc", "2.0", "error", Map.of("code", -32700, "message",
                    "Parse error: the body is not JSON")));
        }
        return answer(gateway.forward(actor, slug, "POST", forwarded(request), payload, tools), listsTools(payload));
    }

    @Delete
    HttpResponse<?> delete(HttpRequest<?> request, Principal actor, @PathVariable String slug) {
        return answer(gateway.forward(actor, slug, "DELETE", forwarded(request), new byte[0], List.of()), false);
    }

    @Get
    HttpResponse<?> get(@PathVariable String slug) {
        if (gateway.resourceName(slug).isEmpty()) {
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

    /** The tool names of every JSON-RPC tools/call in the body (a message or a batch). */
    private List<String> toolCalls(byte[] body) throws IOException {
        List<String> tools = new ArrayList<>();
        if (body.length == 0) {
            return tools;
        }
        JsonNode root = json.readValue(body, JsonNode.class);
        if (root == null) {
            throw new IOException("empty");
        }
        List<JsonNode> messages = new ArrayList<>();
        if (root.isArray()) {
            root.values().forEach(messages::add);
        } else {
            messages.add(root);
        }
        for (JsonNode message : messages) {
            JsonNode method = message.isObject() ? message.get("method") : null;
            if (method != null && method.isString() && method.getStringValue().equals("tools/call")) {
                JsonNode params = message.get("params");
                JsonNode name = params != null && params.isObject() ? params.get("name") : null;
                tools.add(name != null && name.isString() ? name.getStringValue() : "");
            }
        }
        return tools;
    }

    private static boolean listsTools(byte[] body) {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("tools/list");
    }

    private HttpResponse<?> answer(Result<ForwardMcpRequestUseCase.Forwarded, IdentityError> result, boolean listsTools) {
        if (!result.isOk()) {
            if (result.error() instanceof IdentityError.Invalid invalid && invalid.field().equals("upstream")) {
                return HttpResponse.status(HttpStatus.BAD_GATEWAY).body(new ApiError("Bad gateway.", invalid.message()));
            }
            throw ApiException.of(result.error());
        }
        UpstreamResponse upstream = result.value().response();
        if (upstream.status() == 401 || upstream.status() == 403) {
            // the upstream's challenge concerns Portcullis's credentials, not the caller's: never pass it on
            return HttpResponse.status(HttpStatus.BAD_GATEWAY).body(new ApiError("Bad gateway.",
                    "the MCP server refused the credentials Portcullis holds for you; reconnect the server and retry"));
        }
        HttpStatus status;
        try {
            status = HttpStatus.valueOf(upstream.status());
        } catch (IllegalArgumentException unknownCode) {
            return HttpResponse.status(HttpStatus.BAD_GATEWAY).body(new ApiError("Bad gateway.",
                    "the MCP server answered with HTTP status " + upstream.status()));
        }
        byte[] body = listsTools ? new ToolListFilter(json, result.value().policy()).filter(upstream) : upstream.body();
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(status).body(body);
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

package io.portcullis.adapters.http.gateway;

import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.core.annotation.NonBlocking;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayMcpRequestCommand;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayedAnswer;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.UnreadBody;
import io.portcullis.domain.gateway.WholeBody;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;

/**
 * The MCP gateway (Streamable HTTP): {@code /mcp/<slug>} is a protected resource of its own — tokens must carry
 * it (or the access URL) as audience — and requests go to the upstream server with brokered credentials. Answers
 * are relayed as they flow: an event stream event by event (progress, and server requests such as elicitation
 * while a call runs), a GET opens the upstream's own stream when it offers one (its 405 otherwise, whatever the
 * {@code Accept}), DELETE ends the session. Handlers start on the network thread: a request whose checks need the
 * database (nothing cached) is moved to the {@code gateway} executor by the use case, every other one is checked in
 * memory and sent on without a hand-off; waiting for the upstream holds no thread at all. (Each handler method
 * declares {@link NonBlocking}: {@code ContinuingExecutorSelector} honours it on methods only, and on the class alone
 * every request went to the blocking pool and its upstream exchange to another event loop, two more hand-offs.) Authentication, for this path's resource, happens before the
 * server is looked up: callers without credentials cannot tell published slugs from unknown ones.
 */
@Controller("/mcp/{slug}")
@NonBlocking
@RequiresScope(value = "mcp_gateway:use", resource = "/mcp/{slug}")
public final class McpGatewayController {
    /** The named executor ({@code micronaut.executors.gateway}) gateway requests are checked on. */
    public static final String EXECUTOR = "gateway";
    /** Request headers passed upstream (MCP 2026-07-28 and earlier Streamable HTTP), besides {@code Mcp-Param-*}. */
    private static final List<String> FORWARDED = List.of("content-type", "accept", "mcp-session-id", "mcp-protocol-version",
            "last-event-id", "mcp-method", "mcp-name");
    private static final String PARAM_HEADERS = "mcp-param-";
    private final RelayMcpRequestUseCase gateway;
    private final JsonMapper json;
    private final ServerUrls urls;
    private final ClientAddressResolver clientAddresses;

    public McpGatewayController(RelayMcpRequestUseCase gateway, JsonMapper json, ServerUrls urls,
            ClientAddressResolver clientAddresses) {
        this.gateway = gateway;
        this.json = json;
        this.urls = urls;
        this.clientAddresses = clientAddresses;
    }

    @NonBlocking
    @Post(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @Consumes(MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> post(HttpRequest<?> request, Principal actor,
            @PathVariable String slug, @Nullable @Body byte[] body) {
        return relay(new RelayMcpRequestCommand(actor, slug, "POST", forwarded(request), body,
                Optional.of(clientAddresses.resolve(request))));
    }

    @NonBlocking
    @Delete(produces = MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> delete(HttpRequest<?> request, Principal actor,
            @PathVariable String slug) {
        return relay(new RelayMcpRequestCommand(actor, slug, "DELETE", forwarded(request), new byte[0],
                Optional.of(clientAddresses.resolve(request))));
    }

    /** The upstream's server stream, or its refusal (405 when it offers none) — never a 406 for the {@code Accept}. */
    @NonBlocking
    @Get(produces = MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> get(HttpRequest<?> request, Principal actor,
            @PathVariable String slug) {
        return relay(new RelayMcpRequestCommand(actor, slug, "GET", forwarded(request), new byte[0],
                Optional.of(clientAddresses.resolve(request))));
    }

    private CompletableFuture<MutableHttpResponse<byte[]>> relay(RelayMcpRequestCommand command) {
        return gateway.relay(command).toCompletableFuture().thenCompose(result -> {
            if (!result.isOk()) {
                return refusal(result.error());
            }
            try {
                return CompletableFuture.completedFuture(answer(result.value()));
            } catch (ApiException e) {
                UnreadBody.discard(result.value().body());
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    private CompletableFuture<MutableHttpResponse<byte[]>> refusal(GatewayError error) {
        Optional<Map<String, Object>> rpc = GatewayErrorResponses.jsonRpcError(error);
        if (rpc.isPresent()) {
            return body(HttpStatus.BAD_REQUEST, rpc.get());
        }
        Optional<String> connect = GatewayErrorResponses.connectPath(error).map(urls::url);
        if (connect.isPresent()) {
            // the REST error shape, plus where to connect (a browser page) so a client can show it to its user
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "Connect your account to this MCP server first.");
            body.put("detail", error.message() + "; connect at " + connect.get());
            body.put("connect_url", connect.get());
            return body(HttpStatus.FORBIDDEN, body).thenApply(r -> r.header("Link", "<" + connect.get() + ">; rel=\"connect\""));
        }
        return CompletableFuture.failedFuture(GatewayErrorResponses.toApi(error));
    }

    private CompletableFuture<MutableHttpResponse<byte[]>> body(HttpStatus status, Map<String, Object> body) {
        try {
            return CompletableFuture.completedFuture(HttpResponse.<byte[]>status(status)
                    .contentType(MediaType.APPLICATION_JSON_TYPE).body(json.writeValueAsBytes(body)));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Map<String, String> forwarded(HttpRequest<?> request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : FORWARDED) {
            String value = request.getHeaders().get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        for (String name : request.getHeaders().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PARAM_HEADERS)) {
                out.put(lower, request.getHeaders().get(name));
            }
        }
        return out;
    }

    /**
     * The upstream's answer with its body streamed. The route declares {@code byte[]} bodies while the body is a
     * publisher of byte chunks: Micronaut writes a publisher body of a route declaring anything else as a JSON
     * array of its elements, and the bytes must reach the client as the upstream sent them.
     */
    private static MutableHttpResponse<byte[]> answer(RelayedAnswer upstream) {
        HttpStatus status;
        try {
            status = HttpStatus.valueOf(upstream.status());
        } catch (IllegalArgumentException unknownCode) {
            throw GatewayErrorResponses.badGateway("the MCP server answered with HTTP status " + upstream.status());
        }
        // an answer that arrived whole goes out whole (with its length); any other is relayed as it flows
        MutableHttpResponse<byte[]> response = upstream.body() instanceof WholeBody whole
                ? HttpResponse.<byte[]>status(status).body(whole.bytes()) : streamed(HttpResponse.status(status), upstream.body());
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
        if (upstream.headers().getOrDefault("content-type", "").startsWith(MediaType.TEXT_EVENT_STREAM)) {
            response.header("X-Accel-Buffering", "no"); // reverse proxies in front: do not hold events back
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static MutableHttpResponse<byte[]> streamed(MutableHttpResponse<?> response, Flow.Publisher<byte[]> body) {
        MutableHttpResponse<Object> raw = (MutableHttpResponse<Object>) response;
        raw.body(FlowAdapters.toPublisher(body));
        return (MutableHttpResponse<byte[]>) (MutableHttpResponse<?>) raw;
    }
}

package io.portcullis.adapters.http.gateway;

import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.netty.NettyHttpHeaders;
import io.micronaut.json.JsonMapper;
import io.micronaut.web.router.UriRouteMatch;
import io.netty.util.AsciiString;
import io.portcullis.adapters.http.security.PrincipalArgumentBinder;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.MatchedRoute;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayMcpRequestCommand;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayedAnswer;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.UnreadBody;
import io.portcullis.domain.gateway.WholeBody;
import java.io.IOException;
import java.util.Iterator;
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
@Controller("/mcp/{" + McpGatewayController.SLUG + "}")
@NonBlocking
@RequiresScope(value = "mcp_gateway:use", resource = "/mcp/{slug}")
public final class McpGatewayController {
    /** The named executor ({@code micronaut.executors.gateway}) gateway requests are checked on. */
    public static final String EXECUTOR = "gateway";
    static final String SLUG = "slug";
    /** Request headers passed upstream (MCP 2026-07-28 and earlier Streamable HTTP), besides {@code Mcp-Param-*}. */
    private static final List<String> FORWARDED = List.of("content-type", "accept", "mcp-session-id", "mcp-protocol-version",
            "last-event-id", "mcp-method", "mcp-name");
    private static final String PARAM_HEADERS = "mcp-param-";
    private final RelayMcpRequestUseCase gateway;
    private final JsonMapper json;
    private final ServerUrls urls;
    private final PrincipalArgumentBinder principals;

    public McpGatewayController(RelayMcpRequestUseCase gateway, JsonMapper json, ServerUrls urls,
            PrincipalArgumentBinder principals) {
        this.gateway = gateway;
        this.json = json;
        this.urls = urls;
        this.principals = principals;
    }

    /*
     * The handlers take the request alone and read the caller, the slug and the body from it: Micronaut's argument
     * binding (binder lookup, conversion, a pending result for the body) cost as much as the filters' matching did.
     */

    @NonBlocking
    @Post(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @Consumes(MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> post(HttpRequest<?> request) {
        return body(request).thenCompose(body -> relay(command(request, "POST", body)));
    }

    @NonBlocking
    @Delete(produces = MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> delete(HttpRequest<?> request) {
        return relay(command(request, "DELETE", new byte[0]));
    }

    /** The upstream's server stream, or its refusal (405 when it offers none) — never a 406 for the {@code Accept}. */
    @NonBlocking
    @Get(produces = MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> get(HttpRequest<?> request) {
        return relay(command(request, "GET", new byte[0]));
    }

    private RelayMcpRequestCommand command(HttpRequest<?> request, String method, byte[] body) {
        // the route is protected: the security filter has authenticated the caller before any handler runs
        Principal actor = principals.principal(request).orElseThrow(() -> new IllegalStateException("no authenticated caller"));
        Object slug = MatchedRoute.of(request) instanceof UriRouteMatch<?, ?> uri ? uri.getVariableValues().get(SLUG) : null;
        if (slug == null) {
            throw new IllegalStateException("no slug in the route");
        }
        return new RelayMcpRequestCommand(actor, slug.toString(), method, forwarded(request), body, actor.from());
    }

    /** The whole request body (none is an empty one); over {@code micronaut.server.max-request-size} it fails (413). */
    private static CompletableFuture<byte[]> body(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(new byte[0]);
        }
        // split: the request keeps its own body, which Micronaut releases after the answer
        return server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).buffer().thenApply(buffered -> {
            try (CloseableAvailableByteBody whole = buffered) {
                return whole.toByteArray();
            }
        });
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

    /** The request headers passed upstream, under lower-case names; the first value of a repeated one. */
    static Map<String, String> forwarded(HttpRequest<?> request) {
        Map<String, String> out = new LinkedHashMap<>();
        // one pass over Netty's own entries: no name set, list of values or lower-cased copy per header
        if (request.getHeaders() instanceof NettyHttpHeaders netty) {
            Iterator<Map.Entry<CharSequence, CharSequence>> headers = netty.getNettyHeaders().iteratorCharSequence();
            while (headers.hasNext()) {
                Map.Entry<CharSequence, CharSequence> header = headers.next();
                forward(out, header.getKey(), header.getValue());
            }
        } else {
            request.getHeaders().forEachValue((name, value) -> forward(out, name, value));
        }
        return out;
    }

    private static void forward(Map<String, String> out, CharSequence name, CharSequence value) {
        for (String forwarded : FORWARDED) {
            if (AsciiString.contentEqualsIgnoreCase(name, forwarded)) {
                out.putIfAbsent(forwarded, value.toString());
                return;
            }
        }
        if (name.length() >= PARAM_HEADERS.length() && AsciiString.regionMatches(name, true, 0, PARAM_HEADERS, 0, PARAM_HEADERS.length())) {
            out.putIfAbsent(name.toString().toLowerCase(Locale.ROOT), value.toString());
        }
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

package io.portcullis.application.gateway.service;

import io.portcullis.application.gateway.port.in.AggregateMcpUseCase;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.port.out.McpJsonPort;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import io.portcullis.application.registry.port.in.ListPublishedServersUseCase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The aggregated MCP server. Stateless towards its clients (no {@code Mcp-Session-Id}, so any replica answers any
 * request); the sessions with the servers behind it are held per user by {@link UpstreamCalls}. {@code initialize}
 * and {@code ping} are answered here, listings merged by {@link AggregateListing}, calls routed by
 * {@link AggregateRouting}; notifications and responses from the client are acknowledged (202) and go nowhere, since
 * no request of this server ever asks the client anything.
 */
public final class AggregateMcpService implements AggregateMcpUseCase {
    static final Set<String> VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28");
    private static final Map<String, String> LISTINGS = Map.of("tools/list", "tools", "prompts/list", "prompts",
            "resources/list", "resources", "resources/templates/list", "resourceTemplates");
    private final ListPublishedServersUseCase servers;
    private final McpJsonPort json;
    private final AggregateListing listing;
    private final AggregateRouting routing;
    private final String version;

    /**
     * {@code connectUrl}: a server id to the URL where a user connects their account to that server;
     * {@code listTimeout}: how long a listing waits for one server before leaving it out.
     */
    public AggregateMcpService(ListPublishedServersUseCase servers, RelayMcpRequestUseCase relay, McpJsonPort json,
            UnaryOperator<String> connectUrl, String version, Duration listTimeout) {
        this.servers = servers;
        this.json = json;
        UpstreamCalls calls = new UpstreamCalls(relay, json, new UpstreamSessions(), connectUrl);
        this.listing = new AggregateListing(calls, listTimeout);
        this.routing = new AggregateRouting(calls);
        this.version = version;
    }

    @Override
    public CompletionStage<AggregateAnswer> handle(AggregateMcpCommand command) {
        Optional<Object> parsed = json.parse(command.body());
        if (parsed.isEmpty()) {
            return done(400, JsonRpc.error(null, -32700, "Parse error: the body is not JSON"));
        }
        if (!(parsed.get() instanceof Map<?, ?> message) || !"2.0".equals(message.get("jsonrpc"))) {
            return done(400, JsonRpc.error(null, -32600, "Invalid request: one JSON-RPC 2.0 message per request (no batches)"));
        }
        Object id = message.get("id");
        if (!(message.get("method") instanceof String method) || id == null) {
            return CompletableFuture.completedFuture(new AggregateAnswer(202, new byte[0], List.of()));
        }
        Map<?, ?> params = message.get("params") instanceof Map<?, ?> p ? p : Map.of();
        UpstreamCalls.Caller caller = new UpstreamCalls.Caller(command.actor(), command.from());
        return switch (method) {
            case "initialize" -> done(200, JsonRpc.result(id, initialized(params.get("protocolVersion"))));
            case "ping" -> done(200, JsonRpc.result(id, Map.of()));
            case "tools/list", "prompts/list", "resources/list", "resources/templates/list" -> {
                String key = LISTINGS.get(method);
                yield listing.list(caller, usable(command.actor()), method, key).thenApply(merged -> merged.limited()
                        .map(AggregateAnswer::refused).orElseGet(() -> new AggregateAnswer(200,
                                json.write(JsonRpc.result(id, Map.of(key, merged.items()))), merged.omitted())));
            }
            case "tools/call", "prompts/get", "resources/read" -> routing.route(caller, usable(command.actor()), method, id, params)
                    .thenApply(routed -> routed.isOk() ? new AggregateAnswer(200, json.write(routed.value()), List.of())
                            : AggregateAnswer.refused(routed.error()));
            default -> done(200, JsonRpc.error(id, -32601, "Method not found: " + method));
        };
    }

    /**
     * The servers the user may use here: enabled (published), on for the user ({@code default_off} ones once they
     * connected their account), within the key's allow list.
     */
    private List<PublishedServer> usable(Principal actor) {
        return servers.listOnFor(actor.user().id()).stream()
                .filter(s -> actor.allows("mcp_server", s.id().toString()))
                .toList();
    }

    private Map<String, Object> initialized(Object asked) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("protocolVersion", asked instanceof String v && VERSIONS.contains(v) ? v : UpstreamCalls.PROTOCOL_VERSION);
        result.put("capabilities", Map.of("tools", Map.of("listChanged", false), "prompts", Map.of("listChanged", false),
                "resources", Map.of("subscribe", false, "listChanged", false)));
        result.put("serverInfo", Map.of("name", "portcullis", "title", "Portcullis: all your MCP servers", "version", version));
        result.put("instructions", "The tools, prompts and resources of every MCP server you may use through Portcullis, named "
                + "<server>__<name>; resource URIs are portcullis://<server>/<original URI>.");
        return result;
    }

    private CompletionStage<AggregateAnswer> done(int status, Map<String, Object> message) {
        return CompletableFuture.completedFuture(new AggregateAnswer(status, json.write(message), List.of()));
    }
}

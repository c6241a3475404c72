package io.portcullis.application.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.gateway.port.in.AggregateMcpUseCase.AggregateAnswer;
import io.portcullis.application.gateway.port.in.AggregateMcpUseCase.AggregateMcpCommand;
import io.portcullis.application.gateway.port.out.JsonRpcPort;
import io.portcullis.application.gateway.port.out.McpJsonPort;
import io.portcullis.application.gateway.port.out.McpUpstreamPort;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.service.AdmittingRelay;
import io.portcullis.application.gateway.service.AggregateMcpService;
import io.portcullis.application.gateway.service.GatewayAdmission;
import io.portcullis.application.gateway.service.RelayMcpRequestService;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.InMemoryRegistryStore;
import io.portcullis.application.registry.service.FindPublishedServerService;
import io.portcullis.application.registry.service.ListPublishedServersService;
import io.portcullis.application.registry.service.UpstreamCredentialsService;
import io.portcullis.application.registry.service.UpstreamTokenRefresher;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.GatewayLimits;
import io.portcullis.domain.gateway.JsonRpcCall;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.registry.McpServerConfig.Availability;
import io.portcullis.domain.registry.McpServerConfig.AuthType;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The aggregation rules of {@code /mcp} on the in-memory registry and the real relay, with scripted upstream servers
 * (one per URL) that keep sessions as MCP servers do. JSON values travel by reference: the codec here hands out a
 * token per written value, so no JSON library is needed and every value is compared as it was built.
 */
class AggregateMcpServiceTest {
    private final MutableClock clock = MutableClock.startingAt("2026-06-01T00:00:00Z");
    private final InMemoryRegistryStore store = new InMemoryRegistryStore();
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    /** Every request the upstream servers saw: slug, method, session id, params.name / params.uri. */
    private final List<List<String>> seen = new ArrayList<>();
    private final Set<String> forgotten = new HashSet<>();
    private int sessions;

    private final McpJsonPort json = new McpJsonPort() {
        @Override
        public Optional<Object> parse(byte[] body) {
            return Optional.ofNullable(values.get(text(body)));
        }

        @Override
        public byte[] write(Object value) {
            String token = "#" + values.size();
            values.put(token, value);
            return token.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<Map<String, Object>> answerTo(String id, byte[] body, String contentType) {
            return parse(body).filter(m -> m instanceof Map<?, ?> map && id.equals(map.get("id"))).map(m -> (Map<String, Object>) m);
        }
    };
    private final JsonRpcPort jsonRpc = new JsonRpcPort() {
        @Override
        public Optional<List<JsonRpcCall>> read(byte[] body) {
            return json.parse(body).map(m -> List.of(JsonRpcCall.of((String) message(m).get("method"), (String) params(m).get("name"))));
        }

        @Override
        public byte[] keepTools(byte[] body, String contentType, Predicate<String> keep) {
            Map<String, Object> answer = new LinkedHashMap<>(message(json.parse(body).orElseThrow()));
            Map<String, Object> result = new LinkedHashMap<>(message(answer.get("result")));
            result.put("tools", ((List<?>) result.get("tools")).stream().filter(t -> keep.test((String) message(t).get("name"))).toList());
            answer.put("result", result);
            return json.write(answer);
        }
    };
    /** The slow server never answers. */
    private final McpUpstreamPort upstream = request -> request.url().contains("slow") ? new CompletableFuture<>()
            : CompletableFuture.completedFuture(Result.ok(answer(request)));
    private final RelayMcpRequestService relay = new RelayMcpRequestService(new FindPublishedServerService(store.servers), new UpstreamCredentialsService(store.servers,
                    new UpstreamTokenRefresher(store.tokens, (io.portcullis.application.registry.port.out.UpstreamAuthorizationPort) null,
                            UnitOfWork.NONE, clock, new io.portcullis.application.shared.AuditTrail(new io.portcullis.application.shared.InMemoryAuditLog(), clock, new io.portcullis.application.testing.SeededRandom(5)))), upstream, jsonRpc);
    private final AggregateMcpService aggregate = over(relay);
    private final User user = Fixtures.user("ann", Role.MEMBER, clock.instant());

    private AggregateMcpService over(RelayMcpRequestUseCase through) {
        return new AggregateMcpService(new ListPublishedServersService(store.servers, store.tokens), through, json,
                id -> "https://gate.example/api/v2/mcp/servers/" + id + "/oauth2/connect", "test", Duration.ofMillis(300));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> message(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> params(Object value) {
        return message(value).get("params") instanceof Map<?, ?> ? message(message(value).get("params")) : Map.of();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A scripted MCP server per URL: sessions from initialize, tools ls/rm (alpha) or echo, one resource; broken fails. */
    private McpUpstreamPort.UpstreamResponse answer(McpUpstreamPort.UpstreamRequest request) {
        String slug = request.url().substring("https://".length(), request.url().indexOf('.'));
        Map<String, Object> m = message(json.parse(request.body()).orElseThrow());
        String method = (String) m.get("method");
        String session = request.headers().getOrDefault("mcp-session-id", "");
        Map<String, Object> p = params(m);
        seen.add(List.of(slug, method, session, String.valueOf(p.getOrDefault("name", p.getOrDefault("uri", "")))));
        if (slug.equals("broken")) {
            return new McpUpstreamPort.UpstreamResponse(500, Map.of(), McpUpstreamPort.whole(new byte[0]));
        }
        if (!method.equals("initialize") && forgotten.contains(session)) {
            return new McpUpstreamPort.UpstreamResponse(404, Map.of(), McpUpstreamPort.whole(new byte[0]));
        }
        if (!m.containsKey("id")) {
            return new McpUpstreamPort.UpstreamResponse(202, Map.of(), McpUpstreamPort.whole(new byte[0]));
        }
        Object result = switch (method) {
            case "initialize" -> Map.of("protocolVersion", "2025-06-18");
            case "tools/list" -> Map.of("tools", slug.equals("alpha") ? List.of(Map.of("name", "ls"), Map.of("name", "rm"))
                    : List.of(Map.of("name", "echo")));
            case "resources/list" -> Map.of("resources", List.of(Map.of("name", "readme", "uri", "file:///readme")));
            case "resources/read" -> Map.of("contents", List.of(Map.of("uri", p.get("uri"), "text", "hi")));
            default -> Map.of("content", List.of(Map.of("type", "text", "text", slug + ":" + p.get("name"))));
        };
        Map<String, String> headers = method.equals("initialize")
                ? Map.of("content-type", "application/json", "mcp-session-id", slug + "-" + (++sessions)) : Map.of("content-type", "application/json");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jsonrpc", "2.0");
        reply.put("id", m.get("id"));
        reply.put("result", result);
        return new McpUpstreamPort.UpstreamResponse(200, headers, McpUpstreamPort.whole(json.write(reply)));
    }

    private McpServerConfig server(String slug, AuthType auth, Availability availability, List<String> deny) {
        McpServerConfig c = new McpServerConfig(UUID.randomUUID(), slug, slug, "", "", McpServerConfig.Transport.STREAMABLE_HTTP,
                "https://" + slug + ".example/mcp", auth, "", Optional.empty(), "", "", "", "", Optional.empty(), Map.of(),
                List.of(), deny, availability, true, clock.instant(), clock.instant());
        store.servers.insert(c);
        return c;
    }

    private Principal actor() {
        return new Principal(user, new ApiKeyFactory(new SeededRandom(1)).mint(user.id(), LoginType.PASSWORD, clock.instant(),
                Duration.ofHours(1), null, ScopeSet.ALL, AllowList.ANY, Optional.empty()).key());
    }

    private AggregateAnswer send(String method, Map<String, Object> params) {
        return send(aggregate, method, params, Optional.empty());
    }

    private AggregateAnswer send(AggregateMcpService to, String method, Map<String, Object> params, Optional<ClientAddress> from) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("id", 7);
        request.put("method", method);
        request.put("params", params);
        return to.handle(new AggregateMcpCommand(actor(), json.write(request), from)).toCompletableFuture().join();
    }

    private Map<String, Object> result(AggregateAnswer answer) {
        assertThat(answer.status()).isEqualTo(200);
        Map<String, Object> m = message(json.parse(answer.body()).orElseThrow());
        assertThat(m.get("id")).as("the client's id").isEqualTo(7);
        assertThat(m).as("no error: %s", m.get("error")).containsKey("result");
        return message(m.get("result"));
    }

    private Map<String, Object> error(AggregateAnswer answer) {
        Map<String, Object> m = message(json.parse(answer.body()).orElseThrow());
        assertThat(m.get("id")).isEqualTo(7);
        return message(m.get("error"));
    }

    private List<String> names(Map<String, Object> result, String key) {
        return ((List<?>) result.get(key)).stream().map(t -> (String) message(t).get("name")).toList();
    }

    @Test
    void toolsListMergesServersAsSlugNameAppliesPolicyAndSkipsUnconnectedOffFailingAndSilentServers() {
        server("alpha", AuthType.NONE, Availability.FORCE_ON, List.of("rm"));
        server("beta", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        server("oauthy", AuthType.OAUTH2, Availability.DEFAULT_ON, List.of());
        server("hidden", AuthType.NONE, Availability.DEFAULT_OFF, List.of());
        server("broken", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        server("slow", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        AggregateAnswer listed = send("tools/list", Map.of());
        assertThat(names(result(listed), "tools")).containsExactly("alpha__ls", "beta__echo");
        assertThat(listed.omitted()).containsExactly("broken: tools/list: the server answered HTTP 500",
                "slow: tools/list: no answer within 300 ms");
        assertThat(seen).as("nothing goes to a server not connected or off").noneMatch(s -> s.get(0).equals("oauthy") || s.get(0).equals("hidden"));
    }

    @Test
    void toolsCallGoesToItsServerUnderTheOriginalNameOnOneUpstreamSessionPerUser() {
        server("alpha", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        server("beta", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        assertThat(result(send("tools/call", Map.of("name", "beta__echo", "arguments", Map.of()))).get("content"))
                .isEqualTo(List.of(Map.of("type", "text", "text", "beta:echo")));
        assertThat(result(send("tools/call", Map.of("name", "beta__echo")))).containsKey("content");
        assertThat(seen).containsExactly(List.of("beta", "initialize", "", ""), List.of("beta", "notifications/initialized", "beta-1", ""),
                List.of("beta", "tools/call", "beta-1", "echo"), List.of("beta", "tools/call", "beta-1", "echo"));
    }

    @Test
    void aCallToADeniedToolAnUnknownServerOrAnOffServerIsAnUnknownToolAndNothingIsSent() {
        server("alpha", AuthType.NONE, Availability.DEFAULT_ON, List.of("rm"));
        server("hidden", AuthType.NONE, Availability.DEFAULT_OFF, List.of());
        for (String name : List.of("alpha__rm", "nosuch__ls", "hidden__ls", "alpha", "__ls")) {
            Map<String, Object> error = error(send("tools/call", Map.of("name", name)));
            assertThat(error.get("code")).isEqualTo(-32602);
            assertThat((String) error.get("message")).isEqualTo("Unknown tool: " + name);
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void aCallToAServerTheUserHasNotConnectedAnswersWithTheConnectUrl() {
        McpServerConfig oauthy = server("oauthy", AuthType.OAUTH2, Availability.DEFAULT_ON, List.of());
        Map<String, Object> error = error(send("tools/call", Map.of("name", "oauthy__ls")));
        String url = "https://gate.example/api/v2/mcp/servers/" + oauthy.id() + "/oauth2/connect";
        assertThat(error.get("code")).isEqualTo(-32001);
        assertThat((String) error.get("message")).contains(url);
        assertThat(message(error.get("data"))).containsEntry("connect_url", url).containsEntry("server", "oauthy");
        assertThat(seen).isEmpty();
    }

    @Test
    void anUpstreamThatForgotTheSessionIsInitializedAgainOnce() {
        server("beta", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        result(send("tools/call", Map.of("name", "beta__echo")));
        forgotten.add("beta-1");
        assertThat(result(send("tools/call", Map.of("name", "beta__echo")))).containsKey("content");
        assertThat(seen.stream().map(s -> s.get(1) + "@" + s.get(2)).toList()).containsExactly("initialize@", "notifications/initialized@beta-1",
                "tools/call@beta-1", "tools/call@beta-1", "initialize@", "notifications/initialized@beta-2", "tools/call@beta-2");
    }

    @Test
    void resourcesAreNamedAndAddressedUnderTheirServerAndReadUnderTheOriginalUri() {
        server("alpha", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        Map<String, Object> listed = message(((List<?>) result(send("resources/list", Map.of())).get("resources")).get(0));
        assertThat(listed).containsEntry("name", "alpha__readme").containsEntry("uri", "portcullis://alpha/file:///readme");
        Map<String, Object> read = result(send("resources/read", Map.of("uri", "portcullis://alpha/file:///readme")));
        assertThat(message(((List<?>) read.get("contents")).get(0))).containsEntry("uri", "portcullis://alpha/file:///readme")
                .containsEntry("text", "hi");
        assertThat(seen.get(seen.size() - 1)).containsExactly("alpha", "resources/read", "alpha-1", "file:///readme");
        assertThat(error(send("resources/read", Map.of("uri", "file:///readme"))).get("code")).isEqualTo(-32602);
    }

    @Test
    void initializeAndPingAreAnsweredHereNotificationsAcknowledgedAndBadMessagesRefused() {
        server("alpha", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        Map<String, Object> init = result(send("initialize", Map.of("protocolVersion", "2025-03-26")));
        assertThat(init.get("protocolVersion")).isEqualTo("2025-03-26");
        assertThat(message(init.get("capabilities"))).containsKeys("tools", "prompts", "resources");
        assertThat(result(send("initialize", Map.of("protocolVersion", "1999-01-01"))).get("protocolVersion")).isEqualTo("2025-06-18");
        assertThat(result(send("ping", Map.of()))).isEmpty();
        assertThat(error(send("sampling/createMessage", Map.of())).get("code")).isEqualTo(-32601);
        AggregateAnswer note = aggregate.handle(new AggregateMcpCommand(actor(),
                json.write(Map.of("jsonrpc", "2.0", "method", "notifications/initialized")))).toCompletableFuture().join();
        assertThat(note.status()).isEqualTo(202);
        AggregateAnswer batch = aggregate.handle(new AggregateMcpCommand(actor(), json.write(List.of()))).toCompletableFuture().join();
        assertThat(batch.status()).isEqualTo(400);
        assertThat(message(message(json.parse(batch.body()).orElseThrow()).get("error")).get("code")).isEqualTo(-32600);
        AggregateAnswer garbage = aggregate.handle(new AggregateMcpCommand(actor(), "{nope".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join();
        assertThat(message(message(json.parse(garbage.body()).orElseThrow()).get("error")).get("code")).isEqualTo(-32700);
        assertThat(seen).as("none of this reaches a server").isEmpty();
    }

    @Test
    void aClientAddressOverItsLimitIsRefused429AsAtOneServerAndAnotherAddressIsNot() {
        server("alpha", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        server("beta", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        GatewayAdmission admission = new GatewayAdmission(new GatewayLimits(0, 3, 0), new InMemoryGatewayBudget(), "r1", clock);
        AggregateMcpService limited = over(new AdmittingRelay(relay, admission, (slug, userId) -> false, Runnable::run));
        Optional<ClientAddress> busy = Optional.of(new ClientAddress("203.0.113.7"));
        // initialize, notifications/initialized and the call: three requests to beta, the address's whole second
        assertThat(result(send(limited, "tools/call", Map.of("name", "beta__echo"), busy))).containsKey("content");
        AggregateAnswer call = send(limited, "tools/call", Map.of("name", "beta__echo"), busy);
        assertThat(call.status()).isEqualTo(429);
        assertThat(call.refusal()).contains(new GatewayError.RateLimited("client_address", 1));
        AggregateAnswer list = send(limited, "tools/list", Map.of(), busy);
        assertThat(list.status()).as("a listing is refused, not silently cut short").isEqualTo(429);
        assertThat(list.refusal()).contains(new GatewayError.RateLimited("client_address", 1));
        assertThat(seen).hasSize(3);
        assertThat(result(send(limited, "tools/call", Map.of("name", "beta__echo"), Optional.of(new ClientAddress("203.0.113.8")))))
                .as("another address has its own budget").containsKey("content");
        assertThat(result(send("tools/call", Map.of("name", "beta__echo")))).as("no limit on the plain relay").containsKey("content");
    }

    @Test
    void aDefaultOffServerJoinsOnceTheUserConnectedTheirAccountAndLeavesWhenTheyDisconnect() {
        server("beta", AuthType.NONE, Availability.DEFAULT_ON, List.of());
        McpServerConfig later = server("later", AuthType.OAUTH2, Availability.DEFAULT_OFF, List.of());
        server("hidden", AuthType.NONE, Availability.DEFAULT_OFF, List.of());
        assertThat(names(result(send("tools/list", Map.of())), "tools")).containsExactly("beta__echo");
        assertThat(error(send("tools/call", Map.of("name", "later__echo"))).get("code")).as("not turned on yet").isEqualTo(-32602);
        store.tokens.save(new UpstreamToken(later.id(), user.id(), "at-1", Optional.empty(), "Bearer", Optional.empty(), clock.instant()));
        assertThat(names(result(send("tools/list", Map.of())), "tools")).containsExactly("beta__echo", "later__echo");
        assertThat(result(send("tools/call", Map.of("name", "later__echo")))).containsKey("content");
        store.tokens.delete(later.id(), user.id());
        assertThat(names(result(send("tools/list", Map.of())), "tools")).containsExactly("beta__echo");
        assertThat(seen).as("nothing goes to a default_off server nobody connected").noneMatch(s -> s.get(0).equals("hidden"));
    }
}

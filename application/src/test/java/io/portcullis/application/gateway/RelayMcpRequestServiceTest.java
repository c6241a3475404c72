package io.portcullis.application.gateway;

import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAuditLog;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayMcpRequestCommand;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayedAnswer;
import io.portcullis.application.gateway.port.out.JsonRpcPort;
import io.portcullis.application.gateway.port.out.McpUpstreamPort;
import io.portcullis.application.gateway.service.RelayMcpRequestService;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.InMemoryRegistryStore;
import io.portcullis.application.registry.service.FindPublishedServerService;
import io.portcullis.application.registry.service.UpstreamCredentialsService;
import io.portcullis.application.registry.service.UpstreamTokenRefresher;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.JsonRpcCall;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The gateway's relay on the in-memory registry, a scripted upstream and a scripted JSON-RPC reader. */
class RelayMcpRequestServiceTest {
    private final MutableClock clock = MutableClock.startingAt("2026-06-01T00:00:00Z");
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(auditLog, clock, new SeededRandom(77));
    private final InMemoryRegistryStore store = new InMemoryRegistryStore();
    private final Map<String, List<JsonRpcCall>> messages = new HashMap<>();
    private final List<Map<String, String>> sent = new ArrayList<>();
    private Result<McpUpstreamPort.UpstreamResponse, GatewayError.UpstreamUnreachable> answer = Result.ok(
            new McpUpstreamPort.UpstreamResponse(200, Map.of("content-type", "application/json"), McpUpstreamPort.whole(bytes("[ls,rm]"))));
    private final JsonRpcPort jsonRpc = new JsonRpcPort() {
        @Override
        public Optional<List<JsonRpcCall>> read(byte[] body) {
            return body.length == 0 ? Optional.of(List.of()) : Optional.ofNullable(messages.get(text(body)));
        }

        @Override
        public byte[] keepTools(byte[] body, String contentType, Predicate<String> keep) {
            String listed = text(body);
            List<String> kept = List.of(listed.substring(1, listed.length() - 1).split(",")).stream().filter(keep).toList();
            return bytes("[" + String.join(",", kept) + "]");
        }
    };
    /** A scripted upstream that applies the rewrite it is given to its whole answer, as the HTTP adapter would. */
    private final McpUpstreamPort upstream = request -> {
        Map<String, String> seen = new HashMap<>(request.headers());
        seen.put("url", request.url());
        sent.add(seen);
        if (!answer.isOk() || request.rewrite().isEmpty()) {
            return CompletableFuture.completedFuture(answer);
        }
        McpUpstreamPort.UpstreamResponse r = answer.value();
        byte[] rewritten = request.rewrite().get().rewrite(read(r.body()), r.contentType());
        return CompletableFuture.completedFuture(Result.ok(
                new McpUpstreamPort.UpstreamResponse(r.status(), r.headers(), McpUpstreamPort.whole(rewritten))));
    };
    private final RelayMcpRequestService relay = new RelayMcpRequestService(new FindPublishedServerService(store.servers),
            new UpstreamCredentialsService(store.servers, new UpstreamTokenRefresher(store.tokens, (
                    io.portcullis.application.registry.port.out.UpstreamAuthorizationPort) null, UnitOfWork.NONE, clock, audit)),
            upstream, jsonRpc);
    private final User user = Fixtures.user("ann", Role.MEMBER, clock.instant());

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private McpServerConfig server(String slug, McpServerConfig.AuthType auth, boolean enabled, List<String> deny) {
        McpServerConfig c = new McpServerConfig(UUID.randomUUID(), "Tools", slug, "", "", McpServerConfig.Transport.STREAMABLE_HTTP,
                "https://up.example/mcp", auth, "", Optional.empty(), "", "", "", auth == McpServerConfig.AuthType.API_KEY
                ? "X-Api-Key" : "", auth == McpServerConfig.AuthType.API_KEY ? Optional.of("k-1") : Optional.empty(), Map.of(),
                List.of(), deny, McpServerConfig.Availability.DEFAULT_ON, enabled, clock.instant(), clock.instant());
        store.servers.insert(c);
        return c;
    }

    private Principal actor(AllowList allow) {
        return new Principal(user, new ApiKeyFactory(new SeededRandom(1)).mint(user.id(), LoginType.PASSWORD, clock.instant(),
                Duration.ofHours(1), null, ScopeSet.ALL, allow, Optional.empty()).key());
    }

    private Result<RelayedAnswer, GatewayError> post(String slug, String body) {
        return post(slug, body, Map.of("mcp-protocol-version", "2026-07-28"));
    }

    private Result<RelayedAnswer, GatewayError> post(String slug, String body, Map<String, String> headers) {
        return relay.relay(new RelayMcpRequestCommand(actor(AllowList.ANY), slug, "POST", headers, bytes(body)))
                .toCompletableFuture().join();
    }

    /** Every byte of a body, read synchronously (the scripted bodies complete at once). */
    private static byte[] read(Flow.Publisher<byte[]> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(byte[] item) {
                out.writeBytes(item);
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onComplete() {
            }
        });
        return out.toByteArray();
    }

    @Test
    void relayWhenAllowedThenBrokeredHeadersGoUpstreamWithTheClientsOnes() {
        server("tools", McpServerConfig.AuthType.API_KEY, true, List.of());
        messages.put("init", List.of(JsonRpcCall.of("initialize", null)));
        RelayedAnswer ok = post("tools", "init").value();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(sent).singleElement().satisfies(h -> assertThat(h).containsEntry("X-Api-Key", "k-1")
                .containsEntry("mcp-protocol-version", "2026-07-28").containsEntry("url", "https://up.example/mcp"));
    }

    @Test
    void relayWhenToolDeniedThenRefusedBeforeAnythingIsSentAndListingsFiltered() {
        server("tools", McpServerConfig.AuthType.NONE, true, List.of("rm"));
        messages.put("call rm", List.of(JsonRpcCall.of("tools/call", "ls"), JsonRpcCall.of("tools/call", "rm")));
        messages.put("list", List.of(JsonRpcCall.of("tools/list", null)));
        messages.put("ping", List.of(JsonRpcCall.of("ping", null)));
        assertThat(post("tools", "call rm").error()).isEqualTo(new GatewayError.ToolForbidden("rm", true));
        assertThat(sent).isEmpty();
        assertThat(text(read(post("tools", "list").value().body()))).isEqualTo("[ls]");
        assertThat(text(read(post("tools", "ping").value().body()))).as("only listings are rewritten").isEqualTo("[ls,rm]");
    }

    @Test
    void relayWhenNotJsonOrNotPublishedOrNotAllowedThenRefusal() {
        McpServerConfig tools = server("tools", McpServerConfig.AuthType.NONE, true, List.of());
        server("off", McpServerConfig.AuthType.NONE, false, List.of());
        messages.put("ping", List.of(JsonRpcCall.of("ping", null)));
        assertThat(post("tools", "{not json").error()).isInstanceOf(GatewayError.MalformedMessage.class);
        assertThat(post("off", "ping").error()).isInstanceOf(GatewayError.NotPublished.class);
        assertThat(post("nothing", "ping").error()).isInstanceOf(GatewayError.NotPublished.class);
        Principal narrow = actor(AllowList.of(List.of("mcp_server:" + UUID.randomUUID())));
        assertThat(relay.relay(new RelayMcpRequestCommand(narrow, "tools", "POST", Map.of(), bytes("ping"))).toCompletableFuture()
                .join().error())
                .isInstanceOf(GatewayError.NotAllowed.class);
        assertThat(tools.id()).isNotNull();
        assertThat(sent).isEmpty();
    }

    @Test
    void relayWhenUpstreamUnreachableOrRefusesCredentialsOrUserNotConnectedThenGatewayErrors() {
        server("tools", McpServerConfig.AuthType.NONE, true, List.of());
        server("oauth", McpServerConfig.AuthType.OAUTH2, true, List.of());
        messages.put("ping", List.of(JsonRpcCall.of("ping", null)));
        answer = Result.err(new GatewayError.UpstreamUnreachable("https://up.example/mcp", "up.example could not be reached"));
        assertThat(post("tools", "ping").error().message()).isEqualTo("the MCP server could not be reached: up.example could not be reached");
        answer = Result.ok(new McpUpstreamPort.UpstreamResponse(401, Map.of(), McpUpstreamPort.whole(bytes("no"))));
        assertThat(post("tools", "ping").error()).isEqualTo(new GatewayError.UpstreamRefusedCredentials(401));
        GatewayError notConnected = post("oauth", "ping").error();
        assertThat(notConnected).isInstanceOf(GatewayError.NoCredentials.class);
        assertThat(((GatewayError.NoCredentials) notConnected).cause()).isInstanceOf(RegistryError.NotConnected.class);
        assertThat(((GatewayError.NoCredentials) notConnected).serverId()).as("for the connect URL")
                .isEqualTo(store.servers.findBySlug("oauth").orElseThrow().id().toString());
    }

    @Test
    void relayWhenMcpNameHeaderNamesAnotherToolThenHeaderMismatchAndNothingSent() {
        server("tools", McpServerConfig.AuthType.NONE, true, List.of("rm"));
        messages.put("call ls", List.of(JsonRpcCall.of("tools/call", "ls")));
        assertThat(post("tools", "call ls", Map.of("mcp-name", "rm")).error())
                .isEqualTo(new GatewayError.HeaderMismatch("Mcp-Name", "rm"));
        assertThat(post("tools", "call ls", Map.of("mcp-name", "=?base64?cm0=?=")).error())
                .as("the base64 form is decoded before comparing").isEqualTo(new GatewayError.HeaderMismatch("Mcp-Name", "=?base64?cm0=?="));
        assertThat(sent).isEmpty();
        assertThat(post("tools", "call ls", Map.of("mcp-name", "ls")).isOk()).isTrue();
        assertThat(post("tools", "call ls", Map.of("mcp-name", "=?base64?bHM=?=")).isOk()).isTrue();
        assertThat(sent).hasSize(2).allSatisfy(h -> assertThat(h).containsKey("mcp-name"));
    }
}

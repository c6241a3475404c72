package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.BusyHandlerThreads;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The MCP gateway against a scripted upstream on loopback: its own protected resource and PRM document,
 * audience-bound tokens, brokered API key (the caller's token never goes upstream), tool policy, errors.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpGatewayIT extends OAuthFlows {
    private HttpServer upstream;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private String session;
    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.outbound.allow-private-addresses", "true");
        return props;
    }

    @BeforeAll
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/mcp", ex -> {
            if (ex.getRequestMethod().equals("GET")) { // a server that offers no server stream
                ex.sendResponseHeaders(405, -1);
                ex.close();
                return;
            }
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            headers.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            seen.add(headers);
            boolean keyOk = "k-123".equals(headers.get("x-api-key"));
            String result = headers.get("body").contains("tools/list")
                    ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"ls\"},{\"name\":\"rm\"}]}}"
                    : "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}";
            byte[] out = (keyOk ? result : "{\"error\":\"no key\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("Mcp-Session-Id", "session-7");
            ex.sendResponseHeaders(keyOk ? 200 : 401, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        upstream.start();
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        session = ownerSession();
        String auth = "Bearer " + session;
        assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Tools\",\"slug\":\"tools\",\"url\":\"" + base + "/mcp\","
                + "\"auth_type\":\"api_key\",\"api_key_header\":\"X-Api-Key\",\"api_key_value\":\"k-123\",\"enabled\":true,"
                + "\"tool_deny_list\":[\"rm\"]}", "Authorization", auth).statusCode()).isEqualTo(201);
        postJson("/api/v2/mcp/servers", "{\"display_name\":\"Wrong key\",\"slug\":\"wrong\",\"url\":\"" + base + "/mcp\","
                + "\"auth_type\":\"api_key\",\"api_key_header\":\"X-Api-Key\",\"api_key_value\":\"nope\",\"enabled\":true}",
                "Authorization", auth);
        postJson("/api/v2/mcp/servers", "{\"display_name\":\"Tracker\",\"slug\":\"tracker\",\"url\":\"" + base + "/mcp\","
                + "\"auth_type\":\"oauth2\",\"oauth2_client_id\":\"c\",\"oauth2_auth_url\":\"https://t.example/a\","
                + "\"oauth2_token_url\":\"https://t.example/t\",\"enabled\":true}", "Authorization", auth);
        postJson("/api/v2/mcp/servers", "{\"display_name\":\"Off\",\"slug\":\"off\",\"url\":\"" + base + "/mcp\",\"enabled\":false}",
                "Authorization", auth);
    }

    @AfterAll
    void stop() {
        upstream.stop(0);
    }

    private HttpResponse<String> rpc(String slug, String body, String... headers) {
        return send(request("/mcp/" + slug, headers).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void gatewayWhenNoCredentialThenChallengePointsAtItsOwnMetadata() {
        HttpResponse<String> r = rpc("tools", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("resource_metadata=\"http://portcullis.test/.well-known/oauth-protected-resource/mcp/tools\"");
        HttpResponse<String> prm = get("/.well-known/oauth-protected-resource/mcp/tools");
        assertThat(prm.statusCode()).isEqualTo(200);
        assertThat(Json.object(prm.body())).containsEntry("resource", "http://portcullis.test/mcp/tools")
                .containsEntry("scopes_supported", List.of("mcp_gateway:use"));
        assertThat(prm.body()).contains("Tools");
        assertThat(get("/.well-known/oauth-protected-resource/mcp/off").statusCode()).isEqualTo(404);
        assertThat(rpc("off", "{}", "Authorization", "Bearer " + session).statusCode()).isEqualTo(404);
        assertThat(rpc("nothing", "{}", "Authorization", "Bearer " + session).statusCode()).isEqualTo(404);
    }

    @Test
    void gatewayWhenAuthenticatedThenBrokeredKeyGoesUpstreamAndCallerTokenDoesNot() {
        seen.clear();
        HttpResponse<String> r = rpc("tools", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}", "Authorization",
                "Bearer " + session, "MCP-Protocol-Version", "2026-07-28");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.object(r.body())).extractingByKey("result", MAP).containsEntry("ok", true);
        assertThat(r.headers().firstValue("Mcp-Session-Id")).contains("session-7");
        Map<String, String> upstreamSaw = seen.get(0);
        assertThat(upstreamSaw).containsEntry("x-api-key", "k-123").containsEntry("mcp-protocol-version", "2026-07-28")
                .doesNotContainKey("authorization").doesNotContainKey("cookie");
        assertThat(upstreamSaw.get("body")).contains("initialize");
    }

    /**
     * A request whose checks are all in memory (credential, server, limits' budgets) is relayed from the network
     * thread: with every thread of the blocking pool busy it is still answered (it waited for one before).
     */
    @Test
    void gatewayWhenEveryHandlerThreadIsBusyThenARequestCheckedInMemoryIsStillRelayed() throws Exception {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        for (int i = 0; i < 3; i++) { // credential, server and budgets now held in memory
            assertThat(rpc("tools", ping, "Authorization", "Bearer " + session).statusCode()).isEqualTo(200);
        }
        try (BusyHandlerThreads busy = BusyHandlerThreads.occupy(context)) {
            HttpResponse<String> r = send(request("/mcp/tools", "Authorization", "Bearer " + session)
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .timeout(Duration.ofSeconds(3)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(ping)).build());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(Json.object(r.body())).extractingByKey("result", MAP).containsEntry("ok", true);
        }
    }

    @Test
    void gatewayWhenToolDeniedOrBodyNotJsonOrUpstreamRefusesThenRefusedHere() {
        String auth = "Bearer " + session;
        seen.clear();
        HttpResponse<String> denied = rpc("tools", "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ls\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"rm\"}}]", "Authorization", auth);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("'rm' is denied");
        assertThat(seen).isEmpty();
        assertThat(rpc("tools", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ls\"}}",
                "Authorization", auth).statusCode()).isEqualTo(200);
        HttpResponse<String> listed = rpc("tools", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", "Authorization", auth);
        assertThat(Json.object(listed.body())).extractingByKey("result", MAP).extractingByKey("tools", LIST)
                .extracting(t -> (Object) ((Map<?, ?>) t).get("name")).contains("ls").doesNotContain("rm");
        HttpResponse<String> garbage = rpc("tools", "{not json", "Authorization", auth);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("-32700");
        HttpResponse<String> refused = rpc("wrong", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Authorization", auth);
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(send(request("/mcp/tools", "Authorization", auth).GET().build()).statusCode()).isEqualTo(405);
    }

    /** The body is read whole by the handler: relayed byte for byte, and refused over max-request-size (1MB) however sent. */
    @Test
    void gatewayWhenBodyLargeOrChunkedThenRelayedWholeOrRefusedOverTheLimit() {
        String auth = "Bearer " + session;
        String padding = "\u00e9".repeat(200_000); // 400,000 bytes of UTF-8
        String large = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + padding + "\"}}";
        seen.clear();
        assertThat(rpc("tools", large, "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(seen).singleElement().satisfies(saw -> assertThat(saw.get("body")).isEqualTo(large));
        seen.clear();
        HttpResponse<String> chunked = send(request("/mcp/tools", "Authorization", auth).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                        java.net.http.HttpRequest.BodyPublishers.ofString(large))).build()); // no length: chunked
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(200);
        assertThat(seen).singleElement().satisfies(saw -> assertThat(saw.get("body")).isEqualTo(large));
        seen.clear();
        String tooLarge = "{\"pad\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(rpc("tools", tooLarge, "Authorization", auth).statusCode()).isEqualTo(413);
        HttpResponse<String> tooLargeChunked = send(request("/mcp/tools", "Authorization", auth)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                        java.net.http.HttpRequest.BodyPublishers.ofString(tooLarge))).build());
        assertThat(tooLargeChunked.statusCode()).isEqualTo(413);
        assertThat(seen).isEmpty();
        assertThat(rpc("tools", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Authorization", auth).statusCode())
                .isEqualTo(200);
    }

    @Test
    void gatewayWhenOAuthTokenBoundElsewhereOrNarrowThenRefused() {
        String publicId = field(register("{\"client_name\":\"Agent\",\"redirect_uris\":[\"http://127.0.0.1:7001/cb\"],"
                + "\"token_endpoint_auth_method\":\"none\"}"), "client_id");
        String forTools = tokenFor(publicId, "http://portcullis.test/mcp/tools", null);
        String forOther = tokenFor(publicId, "http://portcullis.test/mcp/wrong", null);
        String narrow = tokenFor(publicId, "http://portcullis.test/mcp/tools", "user:read");
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        assertThat(rpc("tools", ping, "Authorization", "Bearer " + forTools).statusCode()).isEqualTo(200);
        HttpResponse<String> elsewhere = rpc("tools", ping, "Authorization", "Bearer " + forOther);
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(elsewhere.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("audience");
        // each path is its own resource, also once the other's has been worked out (and kept) for earlier requests
        HttpResponse<String> toolsTokenOnOtherPath = rpc("wrong", ping, "Authorization", "Bearer " + forTools);
        assertThat(toolsTokenOnOtherPath.statusCode()).isEqualTo(401);
        assertThat(toolsTokenOnOtherPath.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("audience");
        assertThat(rpc("tools", ping, "Authorization", "Bearer " + forOther).statusCode()).isEqualTo(401);
        HttpResponse<String> scoped = rpc("tools", ping, "Authorization", "Bearer " + narrow);
        assertThat(scoped.statusCode()).isEqualTo(403);
        assertThat(scoped.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"mcp_gateway:use\"");
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + forTools).statusCode()).as("not valid on the API").isEqualTo(401);
    }

    private String tokenFor(String clientId, String resource, String scope) {
        Map<String, String> params = defaults(clientId, "http://127.0.0.1:7001/cb");
        params.put("resource", resource);
        if (scope != null) {
            params.put("scope", scope);
        }
        Consent consent = consent(session, params);
        assertThat(consent.page().body()).contains("Access is limited to <strong>");
        String code = query(decide(session, consent, "allow").headers().firstValue("Location").orElseThrow()).get("code");
        HttpResponse<String> token = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "client_id", clientId, "redirect_uri", "http://127.0.0.1:7001/cb", "resource", resource));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return field(token.body(), "access_token");
    }

    @Test
    void gatewayWhenTokenInQueryThenRefusedAndNotAdvertisedAndChallengesNameTheScope() {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        HttpResponse<String> query = send(request("/mcp/tools?access_token=" + session).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(java.net.http.HttpRequest.BodyPublishers.ofString(ping))
                .build());
        assertThat(query.statusCode()).isEqualTo(401);
        String challenge = query.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).contains("error=\"invalid_token\"").contains("in the query").contains("scope=\"mcp_gateway:use\"");
        assertThat(rpc("tools", ping).headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"portcullis\", scope=\"mcp_gateway:use\", resource_metadata=");
        assertThat(get("/api/v2/users/me?access_token=" + session).statusCode()).as("the REST API still takes it").isEqualTo(200);
        assertThat(get("/api/v2/users/me").headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("scope=");
        assertThat(Json.object(get("/.well-known/oauth-protected-resource/mcp/tools").body()))
                .containsEntry("bearer_methods_supported", List.of("header"));
    }

    @Test
    void gatewayWhenUserNotConnectedToOAuthUpstreamThen403WithConnectUrl() {
        seen.clear();
        HttpResponse<String> r = rpc("tracker", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Authorization",
                "Bearer " + session);
        assertThat(r.statusCode()).isEqualTo(403);
        Map<String, Object> body = Json.object(r.body());
        assertThat((String) body.get("connect_url")).matches("http://portcullis\\.test/api/v2/mcp/servers/[0-9a-f-]{36}/oauth2/connect");
        assertThat((String) body.get("detail")).contains((String) body.get("connect_url"));
        assertThat(r.headers().firstValue("Link").orElseThrow()).isEqualTo("<" + body.get("connect_url") + ">; rel=\"connect\"");
        assertThat(seen).isEmpty();
    }
}

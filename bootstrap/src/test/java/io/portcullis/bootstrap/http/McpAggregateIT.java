package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The aggregated {@code /mcp} over a scripted Streamable HTTP upstream on loopback: a protected resource of its own
 * (a token for one {@code /mcp/<slug>} does not work there), merged listings under {@code <slug>__<name>} with the tool
 * policy applied, calls routed under the original name with the brokered key, one upstream session reused.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpAggregateIT extends OAuthFlows {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");
    private HttpServer upstream;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private String session;

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
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(ex.getRequestHeaders().getFirst("X-Api-Key") + " " + ex.getRequestHeaders().getFirst("Mcp-Session-Id") + " " + body);
            Matcher id = ID.matcher(body);
            if (!id.find()) {
                ex.sendResponseHeaders(202, -1);
                ex.close();
                return;
            }
            String result = body.contains("\"initialize\"") ? "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}"
                    : body.contains("tools/list") ? "{\"tools\":[{\"name\":\"ls\"},{\"name\":\"rm\"}]}"
                    : "{\"content\":[{\"type\":\"text\",\"text\":\"ran " + (body.contains("\"ls\"") ? "ls" : "?") + "\"}]}";
            byte[] out = ("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("Mcp-Session-Id", "upstream-session-1");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        upstream.start();
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        session = ownerSession();
        assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Tools\",\"slug\":\"tools\",\"url\":\"" + base + "/mcp\","
                + "\"auth_type\":\"api_key\",\"api_key_header\":\"X-Api-Key\",\"api_key_value\":\"k-9\",\"enabled\":true,"
                + "\"availability\":\"default_on\",\"tool_deny_list\":[\"rm\"]}", "Authorization", "Bearer " + session).statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    void stop() {
        upstream.stop(0);
    }

    private HttpResponse<String> rpc(String path, String body, String token) {
        return send(request(path, "Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String tokenFor(String clientId, String resource) {
        Map<String, String> params = defaults(clientId, "http://127.0.0.1:7001/cb");
        params.put("resource", resource);
        Consent consent = consent(session, params);
        String code = query(decide(session, consent, "allow").headers().firstValue("Location").orElseThrow()).get("code");
        HttpResponse<String> token = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "client_id", clientId, "redirect_uri", "http://127.0.0.1:7001/cb", "resource", resource));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return field(token.body(), "access_token");
    }

    @Test
    void aggregateWhenNoCredentialThenChallengePointsAtItsOwnMetadata() {
        HttpResponse<String> r = send(request("/mcp").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("resource_metadata=\"http://portcullis.test/.well-known/oauth-protected-resource/mcp\"")
                .contains("scope=\"mcp_gateway:use\"");
        HttpResponse<String> prm = get("/.well-known/oauth-protected-resource/mcp");
        assertThat(prm.statusCode()).isEqualTo(200);
        assertThat(Json.object(prm.body())).containsEntry("resource", "http://portcullis.test/mcp")
                .containsEntry("scopes_supported", List.of("mcp_gateway:use")).containsEntry("bearer_methods_supported", List.of("header"));
    }

    @Test
    void aggregateWhenTokenForMcpThenListsAndCallsAndATokenForOneServerIsNotForMcp() {
        String clientId = field(register("{\"client_name\":\"Agent\",\"redirect_uris\":[\"http://127.0.0.1:7001/cb\"],"
                + "\"token_endpoint_auth_method\":\"none\"}"), "client_id");
        String forAll = tokenFor(clientId, "http://portcullis.test/mcp");
        String forTools = tokenFor(clientId, "http://portcullis.test/mcp/tools");
        seen.clear();
        HttpResponse<String> listed = rpc("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", forAll);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(Json.object(listed.body())).extractingByKey("result", MAP).extractingByKey("tools", LIST)
                .extracting(t -> (Object) ((Map<?, ?>) t).get("name")).containsExactly("tools__ls");
        HttpResponse<String> called = rpc("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"tools__ls\",\"arguments\":{}}}", forAll);
        assertThat(Json.object(called.body())).containsEntry("id", "c").extractingByKey("result", MAP).extractingByKey("content", LIST)
                .first().asInstanceOf(MAP).containsEntry("text", "ran ls");
        assertThat(seen).hasSize(4).allMatch(s -> s.startsWith("k-9 "));
        assertThat(seen.get(3)).startsWith("k-9 upstream-session-1 ").contains("\"name\":\"ls\"");
        HttpResponse<String> denied = rpc("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"tools__rm\"}}", forAll);
        assertThat(denied.body()).contains("-32602").contains("Unknown tool");
        assertThat(seen).hasSize(4);
        assertThat(rpc("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", forTools).statusCode()).isEqualTo(401);
        assertThat(rpc("/mcp/tools", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", forAll).statusCode())
                .as("audiences are hierarchical: /mcp covers the servers below it, as it covers them by aggregation").isEqualTo(200);
        assertThat(send(request("/mcp", "Authorization", "Bearer " + forAll).GET().build()).statusCode()).isEqualTo(405);
    }
}

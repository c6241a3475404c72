package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Portcullis as a client of upstream MCP servers under the MCP 2026-07-28 rules (PRODUCT §9), end to end against a
 * scripted upstream on loopback: MCP servers at {@code /mcp/<name>} that answer 401 with resource_metadata and scope,
 * and two authorization servers, {@code <base>/a} (metadata only at the OIDC path-insert address) and {@code <base>/b}
 * (RFC 8414 path-insert), each with registration, token and revocation endpoints and {@code iss} promised.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamClientRulesIT extends OAuthFlows {
    private HttpServer upstream;
    private String base;
    private String session;
    /** Which authorization server ("a" or "b") each upstream MCP server names now. */
    private final Map<String, String> issuerOf = new ConcurrentHashMap<>();
    private final List<String> registrations = new CopyOnWriteArrayList<>();
    private final List<String> revocations = new CopyOnWriteArrayList<>();
    private final Set<String> limitedTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedRefreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile long expiresIn = 3600;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.outbound.allow-private-addresses", "true");
        return props;
    }

    @BeforeAll
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", ex -> {
            try {
                answer(ex);
            } finally {
                ex.close();
            }
        });
        upstream.start();
        base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        session = ownerSession();
    }

    @AfterAll
    void stop() {
        upstream.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.startsWith("/mcp/")) {
            mcp(ex, path, body);
        } else if (path.startsWith("/.well-known/oauth-protected-resource/mcp/")) {
            String name = path.substring("/.well-known/oauth-protected-resource/mcp/".length());
            send(ex, 200, "{\"resource\":\"" + base + "/mcp/" + name + "\",\"authorization_servers\":[\"" + base + "/"
                    + issuerOf.getOrDefault(name, "a") + "\"],\"scopes_supported\":[\"files:read\"]}");
        } else if (path.equals("/.well-known/openid-configuration/a") || path.equals("/.well-known/oauth-authorization-server/b")) {
            String as = base + "/" + path.charAt(path.length() - 1);
            send(ex, 200, "{\"issuer\":\"" + as + "\",\"authorization_endpoint\":\"" + as + "/authorize\",\"token_endpoint\":\""
                    + as + "/token\",\"registration_endpoint\":\"" + as + "/register\",\"revocation_endpoint\":\"" + as
                    + "/revoke\",\"code_challenge_methods_supported\":[\"S256\"],"
                    + "\"authorization_response_iss_parameter_supported\":true}");
        } else if (path.endsWith("/register")) {
            registrations.add(path + " " + body);
            send(ex, 201, "{\"client_id\":\"client-" + path.charAt(1) + "-" + counter.incrementAndGet() + "\"}");
        } else if (path.endsWith("/token")) {
            token(ex, form(body));
        } else if (path.endsWith("/revoke")) {
            revocations.add(path + " " + body);
            send(ex, path.startsWith("/down") ? 503 : 200, "{}");
        } else {
            send(ex, 404, "{}");
        }
    }

    private void mcp(HttpExchange ex, String path, String body) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = auth == null ? "" : auth.replaceFirst("^Bearer ", "");
        if (!issuedTokens.contains(token)) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer resource_metadata=\"" + base
                    + "/.well-known/oauth-protected-resource" + path + "\", scope=\"files:read\"");
            send(ex, 401, "{}");
        } else if (limitedTokens.contains(token) && body.contains("tools/call")) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"files:write\","
                    + " resource_metadata=\"" + base + "/.well-known/oauth-protected-resource" + path + "\"");
            send(ex, 403, "{}");
        } else {
            send(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"token\":\"" + token + "\"}}");
        }
    }

    private void token(HttpExchange ex, Map<String, String> form) throws IOException {
        if ("refresh_token".equals(form.get("grant_type")) && refusedRefreshTokens.contains(form.get("refresh_token"))) {
            send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"the grant was revoked\"}");
            return;
        }
        int n = counter.incrementAndGet();
        issuedTokens.add("at-" + n);
        send(ex, 200, "{\"access_token\":\"at-" + n + "\",\"refresh_token\":\"rt-" + n + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + expiresIn + "}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
    }

    private String createDiscovered(String name) {
        HttpResponse<String> created = postJson("/api/v2/mcp/servers", "{\"display_name\":\"" + name + "\",\"slug\":\"" + name
                + "\",\"url\":\"" + base + "/mcp/" + name + "\",\"auth_type\":\"oauth2\",\"enabled\":true}",
                "Authorization", "Bearer " + session);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "id");
    }

    /** The upstream authorize URL a connect sends the user to (an API client gets it as a 307). */
    private URI connect(String id) {
        return connect(id, session);
    }

    private URI connect(String id, String as) {
        HttpResponse<String> r = get("/api/v2/mcp/servers/" + id + "/oauth2/connect", "Cookie", "portcullis_session_token=" + as);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(307);
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    /** What the upstream's redirect back to Portcullis would carry: the code, the state, and {@code iss} (null: absent). */
    private HttpResponse<String> callback(String id, URI authorize, String iss) {
        return callback(id, authorize, iss, session);
    }

    private HttpResponse<String> callback(String id, URI authorize, String iss, String as) {
        String path = "/api/v2/mcp/servers/" + id + "/oauth2/callback?code=code-1&state=" + enc(query(authorize.toString()).get("state"))
                + (iss == null ? "" : "&iss=" + enc(iss));
        return get(path, "Cookie", "portcullis_session_token=" + as, "Accept", "text/html");
    }

    private boolean connected(String id) {
        return (Boolean) Json.object(get("/api/v2/mcp/servers/" + id, "Authorization", "Bearer " + session).body()).get("auth_connected");
    }

    private HttpResponse<String> rpc(String slug, String body) {
        return rpc(slug, body, session);
    }

    private HttpResponse<String> rpc(String slug, String body, String as) {
        return send(request("/mcp/" + slug, "Authorization", "Bearer " + as).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void callbackWhenIssMismatchesOrIsMissingThenRefusedWithAPageAndNothingStored() {
        String id = createDiscovered("issuer-check");
        assertThat(registrations).anyMatch(r -> r.startsWith("/a/register") && r.contains("\"application_type\":\"web\""));
        URI authorize = connect(id);
        assertThat(authorize.toString()).startsWith(base + "/a/authorize?");
        assertThat(query(authorize.toString())).containsEntry("scope", "files:read").containsEntry("resource", base + "/mcp/issuer-check");

        HttpResponse<String> mixedUp = callback(id, authorize, base + "/b");
        assertThat(mixedUp.statusCode()).isEqualTo(400);
        assertThat(mixedUp.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(mixedUp.body()).contains("mix-up").contains(base + "/b");
        assertThat(connected(id)).isFalse();

        HttpResponse<String> missing = callback(id, connect(id), null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("promised an iss");
        assertThat(connected(id)).isFalse();

        HttpResponse<String> trailingSlash = callback(id, connect(id), base + "/a/");
        assertThat(trailingSlash.statusCode()).as("no normalisation before comparing").isEqualTo(400);

        HttpResponse<String> good = callback(id, connect(id), base + "/a");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(connected(id)).isTrue();
    }

    @Test
    void connectWhenUpstreamNowNamesAnotherIssuerThenNewRegistrationThereAndOldConnectionsEnd() {
        String id = createDiscovered("moving");
        String firstClient = field(get("/api/v2/mcp/servers/" + id, "Authorization", "Bearer " + session).body(), "oauth2_client_id");
        assertThat(callback(id, connect(id), base + "/a").statusCode()).isEqualTo(200);
        assertThat(connected(id)).isTrue();

        issuerOf.put("moving", "b");
        URI authorize = connect(id);

        assertThat(authorize.toString()).startsWith(base + "/b/authorize?");
        assertThat(registrations).anyMatch(r -> r.startsWith("/b/register") && r.contains("\"application_type\":\"web\""));
        Map<String, Object> server = Json.object(get("/api/v2/mcp/servers/" + id, "Authorization", "Bearer " + session).body());
        assertThat(server.get("oauth2_client_id")).isNotEqualTo(firstClient).asString().startsWith("client-b-");
        assertThat(server).containsEntry("oauth2_auth_url", base + "/b/authorize").containsEntry("auth_connected", false);
        assertThat(callback(id, authorize, base + "/a").statusCode()).as("the old issuer is now a mix-up").isEqualTo(400);
        assertThat(callback(id, connect(id), base + "/b").statusCode()).isEqualTo(200);
        assertThat(connected(id)).isTrue();
    }

    @Test
    void gatewayWhenUpstreamSaysInsufficientScopeThenConnectUrlAndTheNextConnectAsksForTheUnion() {
        String id = createDiscovered("narrow");
        assertThat(callback(id, connect(id), base + "/a").statusCode()).isEqualTo(200);
        String token = (String) ((Map<?, ?>) Json.object(rpc("narrow", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").body())
                .get("result")).get("token");
        limitedTokens.add(token);

        HttpResponse<String> refused = rpc("narrow", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"write\"}}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        Map<String, Object> body = Json.object(refused.body());
        assertThat((String) body.get("connect_url")).endsWith("/api/v2/mcp/servers/" + id + "/oauth2/connect");
        assertThat((String) body.get("detail")).contains("files:write");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).as("the upstream's challenge is not relayed").isEmpty();
        assertThat(query(connect(id).toString())).containsEntry("scope", "files:read files:write");
    }

    @Test
    void gatewayWhenRefreshAnsweredInvalidGrantThenUserDisconnectedAndTheAnswerNamesTheConnectUrl() {
        String id = createDiscovered("refused");
        expiresIn = 30; // within a minute of expiry at once: the next use refreshes
        try {
            assertThat(callback(id, connect(id), base + "/a").statusCode()).isEqualTo(200);
        } finally {
            expiresIn = 3600;
        }
        for (int n = 0; n <= counter.get(); n++) {
            refusedRefreshTokens.add("rt-" + n);
        }

        HttpResponse<String> r = rpc("refused", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        Map<String, Object> body = Json.object(r.body());
        assertThat((String) body.get("connect_url")).endsWith("/api/v2/mcp/servers/" + id + "/oauth2/connect");
        assertThat((String) body.get("detail")).contains("invalid_grant");
        assertThat(connected(id)).isFalse();
    }

    @Test
    void disconnectWhenHandConfiguredClientHasRevocationUrlThenRevokedThereAndDisconnectSucceedsEvenIfItFails() {
        HttpResponse<String> created = postJson("/api/v2/mcp/servers", "{\"display_name\":\"Manual\",\"slug\":\"manual\",\"url\":\""
                + base + "/mcp/manual\",\"auth_type\":\"oauth2\",\"oauth2_client_id\":\"hand-1\",\"oauth2_auth_url\":\"" + base
                + "/a/authorize\",\"oauth2_token_url\":\"" + base + "/a/token\",\"oauth2_revocation_url\":\"" + base
                + "/down/revoke\",\"enabled\":true}", "Authorization", "Bearer " + session);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.object(created.body())).containsEntry("oauth2_revocation_url", base + "/down/revoke");
        String id = field(created.body(), "id");
        assertThat(callback(id, connect(id), null).statusCode()).as("no recorded issuer, none promised").isEqualTo(200);

        HttpResponse<String> gone = delete("/api/v2/mcp/servers/" + id + "/oauth2/disconnect", "Authorization", "Bearer " + session);

        assertThat(gone.statusCode()).isEqualTo(204);
        assertThat(revocations).anyMatch(r -> r.startsWith("/down/revoke") && r.contains("token_type_hint=refresh_token")
                && r.contains("client_id=hand-1"));
        assertThat(connected(id)).isFalse();
        assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Bad\",\"slug\":\"bad-revoke\",\"url\":\"" + base
                + "/mcp/bad\",\"auth_type\":\"api_key\",\"api_key_header\":\"X-K\",\"api_key_value\":\"v\","
                + "\"oauth2_revocation_url\":\"" + base + "/r\"}", "Authorization", "Bearer " + session).statusCode())
                .as("only for oauth2").isEqualTo(400);
    }

    @Test
    void deleteUserWhenConnectedUpstreamThenTheirTokensRevokedThereAndTheOwnersKept() {
        String id = createDiscovered("leaving");
        String member = memberSession(session, "leaver");
        assertThat(callback(id, connect(id, member), base + "/a", member).statusCode()).isEqualTo(200);
        assertThat(callback(id, connect(id), base + "/a").statusCode()).isEqualTo(200);
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        String accessToken = (String) ((Map<?, ?>) Json.object(rpc("leaving", ping, member).body()).get("result")).get("token");
        String refreshToken = accessToken.replaceFirst("^at-", "rt-");
        String ownersToken = (String) ((Map<?, ?>) Json.object(rpc("leaving", ping).body()).get("result")).get("token");

        HttpResponse<String> deleted = delete("/api/v2/users/leaver", "Authorization", "Bearer " + session);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(revocations).anyMatch(r -> r.startsWith("/a/revoke") && r.contains("token=" + refreshToken + "&")
                && r.contains("token_type_hint=refresh_token"));
        assertThat(revocations).anyMatch(r -> r.startsWith("/a/revoke") && r.contains("token=" + accessToken + "&")
                && r.contains("token_type_hint=access_token"));
        assertThat(revocations).noneMatch(r -> r.contains("token=" + ownersToken + "&"));
        assertThat(connected(id)).as("the owner's own connection stays").isTrue();
    }
}

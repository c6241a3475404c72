package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every audited action that HTTP reaches, performed against the real server (PRODUCT §11): each leaves its entry
 * (action, actor, target, outcome, client address), and no stored row contains any secret that was sent or handed
 * out — passwords, key and client secrets, registration tokens, codes, access and refresh tokens.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailIT extends OAuthFlows {
    private static final String CB = "http://127.0.0.1:4455/cb";
    private static final String FILES = "https://files.audit.example/mcp";
    private final List<String> secrets = new ArrayList<>();
    @Inject
    DataSource dataSource;

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private String keep(String secret) {
        assertThat(secret).isNotBlank();
        secrets.add(secret);
        return secret;
    }

    private HttpResponse<String> ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
        return r;
    }

    private HttpResponse<String> patch(String path, String json, String bearer) {
        return send(request(path, "Authorization", "Bearer " + bearer, "Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Every stored row, as PostgreSQL renders it to JSON (all columns, nothing left out). */
    private List<Map<String, Object>> rows() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT row_to_json(a)::text FROM audit_log a ORDER BY time, id")) {
            while (rs.next()) {
                out.add(Json.object(rs.getString(1)));
            }
        }
        return out;
    }

    private Map<String, Object> tokens(String clientId, String clientSecret, String session, boolean allow) {
        Map<String, String> params = defaults(clientId, CB);
        if (!allow) {
            HttpResponse<String> denied = decide(session, consent(session, params), "deny");
            assertThat(query(denied.headers().firstValue("Location").orElseThrow())).containsEntry("error", "access_denied");
            return Map.of();
        }
        String code = keep(code(session, params));
        Map<String, Object> t = Json.object(ok(token(Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", VERIFIER, "redirect_uri", CB), "Authorization", basic(clientId, clientSecret)), 200).body());
        keep((String) t.get("access_token"));
        keep((String) t.get("refresh_token"));
        return t;
    }

    @Test
    void everyActionWhenPerformedOverHttpThenRecordedAndNoRowHoldsASecret() throws Exception {
        keep(PASSWORD);
        keep(SETUP_CODE);
        String owner = keep(ownerSession());
        String ownerId = field(get("/api/v2/users/me", "Authorization", "Bearer " + owner).body(), "id");
        ok(postJson("/api/v2/users/login", "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"wrong-secret-pw-1\"}"), 401);
        keep("wrong-secret-pw-1");
        // users and keys
        String memberPassword = keep("member-secret-pw-1");
        String memberId = field(ok(postJson("/api/v2/users", "{\"email\":\"m@example.com\",\"username\":\"mel\",\"password\":\""
                + memberPassword + "\"}", "Authorization", "Bearer " + owner), 201).body(), "id");
        ok(putJson("/api/v2/users/mel/status/suspend", "", "Authorization", "Bearer " + owner), 200);
        ok(putJson("/api/v2/users/mel/status/activate", "", "Authorization", "Bearer " + owner), 200);
        String key = keep(createToken(owner, "ci", null));
        String keyId = Json.objects(get("/api/v2/users/me/keys/tokens", "Authorization", "Bearer " + owner).body()).get(0)
                .get("id").toString();
        ok(delete("/api/v2/users/me/keys/" + keyId, "Authorization", "Bearer " + owner), 204);
        // dynamic registration (RFC 7591/7592)
        String registered = register("{\"client_name\":\"Agent\",\"redirect_uris\":[\"" + CB + "\"]}");
        String clientId = field(registered, "client_id");
        String clientSecret = keep(field(registered, "client_secret"));
        String registrationToken = keep(field(registered, "registration_access_token"));
        ok(send(request("/oauth2/clients/" + clientId, "Authorization", "Bearer " + registrationToken, "Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"Agent 2\",\"redirect_uris\":[\""
                + CB + "\"]}")).build()), 200);
        // consent, grants, refresh, reuse, revocation
        Map<String, Object> first = tokens(clientId, clientSecret, owner, true);
        Map<String, Object> second = Json.object(ok(token(Map.of("grant_type", "refresh_token", "refresh_token",
                (String) first.get("refresh_token")), "Authorization", basic(clientId, clientSecret)), 200).body());
        keep((String) second.get("access_token"));
        keep((String) second.get("refresh_token"));
        ok(token(Map.of("grant_type", "refresh_token", "refresh_token", (String) first.get("refresh_token")),
                "Authorization", basic(clientId, clientSecret)), 400);
        Map<String, Object> third = tokens(clientId, clientSecret, owner, true);
        ok(postForm("/oauth2/revoke", Map.of("token", (String) third.get("refresh_token")), "Authorization",
                basic(clientId, clientSecret)), 200);
        tokens(clientId, clientSecret, owner, false);
        // the apps API
        String appId = field(ok(postJson("/api/v2/oauth2-provider/apps", "{\"name\":\"Dash\",\"callback_url\":\"https://d.example/cb\"}",
                "Authorization", "Bearer " + owner), 201).body(), "id");
        ok(putJson("/api/v2/oauth2-provider/apps/" + appId, "{\"name\":\"Dash 2\",\"callback_url\":\"https://d.example/cb\"}",
                "Authorization", "Bearer " + owner), 200);
        HttpResponse<String> appSecret = ok(postJson("/api/v2/oauth2-provider/apps/" + appId + "/secrets", "",
                "Authorization", "Bearer " + owner), 201);
        keep(field(appSecret.body(), "client_secret_full"));
        ok(delete("/api/v2/oauth2-provider/apps/" + appId + "/secrets/" + field(appSecret.body(), "id"), "Authorization",
                "Bearer " + owner), 204);
        ok(delete("/api/v2/oauth2-provider/apps/" + appId, "Authorization", "Bearer " + owner), 204);
        // registered resources and client_credentials
        HttpResponse<String> resource = ok(postJson("/api/v2/oauth2-provider/resources", "{\"resource\":\"" + FILES
                + "\",\"display_name\":\"Files\",\"scopes\":[\"files:read\"],\"access_token_format\":\"opaque\"}",
                "Authorization", "Bearer " + owner), 201);
        keep(field(resource.body(), "introspection_client_secret"));
        String resourceId = field(resource.body(), "id");
        ok(patch("/api/v2/oauth2-provider/resources/" + resourceId, "{\"display_name\":\"Files 2\"}", owner), 200);
        String job = register("{\"client_name\":\"Job\",\"grant_types\":[\"client_credentials\"],\"scope\":\"files:read\"}");
        keep(field(job, "client_secret"));
        keep(field(job, "registration_access_token"));
        keep(field(ok(token(Map.of("grant_type", "client_credentials", "resource", FILES), "Authorization",
                basic(field(job, "client_id"), field(job, "client_secret"))), 200).body(), "access_token"));
        ok(delete("/api/v2/oauth2-provider/resources/" + resourceId, "Authorization", "Bearer " + owner), 204);
        // MCP servers
        String upstreamKey = keep("upstream-api-key-secret-1");
        String serverId = field(ok(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Search\",\"slug\":\"search\","
                + "\"url\":\"https://search.example/mcp\",\"auth_type\":\"api_key\",\"api_key_header\":\"X-Api-Key\","
                + "\"api_key_value\":\"" + upstreamKey + "\",\"enabled\":true}", "Authorization", "Bearer " + owner), 201).body(), "id");
        ok(patch("/api/v2/mcp/servers/" + serverId, "{\"api_key_value\":\"" + keep("upstream-api-key-secret-2") + "\"}", owner), 200);
        ok(delete("/api/v2/mcp/servers/" + serverId, "Authorization", "Bearer " + owner), 204);
        // RFC 7592 delete last: the client's grants go with it
        ok(send(request("/oauth2/clients/" + clientId, "Authorization", "Bearer " + registrationToken).DELETE().build()), 204);
        // five wrong passwords from this address, then even the right one is throttled
        for (int i = 0; i < 5; i++) {
            postJson("/api/v2/users/login", "{\"email\":\"m@example.com\",\"password\":\"" + keep("wrong-secret-x" + i) + "\"}");
        }
        ok(postJson("/api/v2/users/login", "{\"email\":\"m@example.com\",\"password\":\"" + memberPassword + "\"}"), 429);

        List<Map<String, Object>> rows = rows();
        Map<String, List<Map<String, Object>>> byAction = new LinkedHashMap<>();
        rows.forEach(r -> byAction.computeIfAbsent((String) r.get("action"), a -> new ArrayList<>()).add(r));
        assertThat(byAction.keySet()).containsExactlyInAnyOrder("user.create", "login.success", "login.failure",
                "user.suspend", "user.activate", "api_key.create", "api_key.delete", "oauth2.client.register",
                "oauth2.client.update", "oauth2.consent.allow", "oauth2.token.issue", "oauth2.refresh.reuse_detected",
                "oauth2.revoke", "oauth2.consent.deny", "oauth2.app.create", "oauth2.app.update",
                "oauth2.app.secret.create", "oauth2.app.secret.delete", "oauth2.app.delete", "oauth2.resource.create",
                "oauth2.resource.update", "oauth2.resource.delete", "mcp_server.create", "mcp_server.update",
                "mcp_server.delete", "oauth2.client.delete", "login.throttled");
        assertThat(rows).as("every request-driven entry names the client address").allSatisfy(r ->
                assertThat(r).containsEntry("client_address", "127.0.0.1"));
        assertThat(byAction.get("user.create")).extracting(r -> r.get("target_id")).containsExactly(ownerId, memberId);
        assertThat(byAction.get("user.suspend").get(0)).containsEntry("actor_user_id", ownerId)
                .containsEntry("target_type", "user").containsEntry("target_id", memberId).containsEntry("outcome", "success");
        assertThat(byAction.get("oauth2.token.issue")).hasSize(4).allSatisfy(r -> assertThat(r).containsEntry("outcome", "success"));
        assertThat(byAction.get("oauth2.token.issue").get(0)).containsEntry("actor_user_id", ownerId)
                .containsEntry("actor_client_id", clientId).containsEntry("target_type", "oauth2_grant");
        assertThat(byAction.get("oauth2.refresh.reuse_detected").get(0)).containsEntry("outcome", "failure")
                .containsEntry("actor_client_id", clientId);
        assertThat(byAction.get("oauth2.consent.deny").get(0)).containsEntry("outcome", "failure")
                .containsEntry("actor_user_id", ownerId).containsEntry("target_id", clientId);
        assertThat(byAction.get("oauth2.client.register").get(0)).containsEntry("actor_client_id", clientId)
                .containsEntry("target_id", clientId);
        assertThat(byAction.get("login.failure")).extracting(r -> r.get("outcome")).containsOnly("failure");
        assertThat(byAction.get("login.throttled").get(0)).containsEntry("outcome", "failure");
        assertThat(byAction.get("mcp_server.create").get(0)).containsEntry("target_id", serverId)
                .containsEntry("actor_user_id", ownerId);
        for (Map<String, Object> row : rows) {
            String text = row.toString();
            for (String secret : secrets) {
                assertThat(text).as("no entry contains a secret that was sent or handed out").doesNotContain(secret);
            }
        }
        // and the owners' API shows them, newest first
        List<Map<String, Object>> api = Json.objects(get("/api/v2/audit-logs?limit=500", "Authorization", "Bearer " + owner).body());
        assertThat(api).hasSize(rows.size());
        assertThat(api.get(0)).containsEntry("action", "login.throttled");
    }
}

package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.SelfUpstreamTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The credential broker end to end, with Portcullis as its own upstream: an oauth2 server registered without
 * client details is discovered (RFC 9728 → RFC 8414) and registered with (RFC 7591); a user connects through
 * the upstream's consent page, the callback exchanges the code, and auth_connected turns true. Changing the
 * url forgets the user's tokens.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServerConnectLoopIT extends SelfUpstreamTest {

    @Test
    void connectWhenUpstreamIsPortcullisThenDiscoverRegisterConsentCallbackAndForgetOnUrlChange() {
        String session = ownerSession();
        String base = "http://localhost:" + port;
        HttpResponse<String> created = postJson("/api/v2/mcp/servers", "{\"display_name\":\"Self\",\"slug\":\"self\",\"url\":\""
                + base + "/mcp/self\",\"auth_type\":\"oauth2\",\"enabled\":true}", "Authorization", "Bearer " + session);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.object(created.body())).containsEntry("oauth2_auth_url", base + "/oauth2/authorize")
                .containsEntry("oauth2_token_url", base + "/oauth2/token").containsEntry("auth_connected", false);
        String id = field(created.body(), "id");
        String clientId = field(created.body(), "oauth2_client_id");
        assertThat(Json.object(get("/api/v2/oauth2-provider/apps/" + clientId, "Authorization", "Bearer " + session).body()))
                .as("registered upstream by RFC 7591").containsEntry("name", "Portcullis").containsEntry("client_type", "public");

        HttpResponse<String> connect = get("/api/v2/mcp/servers/" + id + "/oauth2/connect", "Cookie",
                "portcullis_session_token=" + session);
        assertThat(connect.statusCode()).isEqualTo(307);
        URI authorize = URI.create(connect.headers().firstValue("Location").orElseThrow());
        Map<String, String> params = query(authorize.toString());
        assertThat(params).containsEntry("client_id", clientId).containsEntry("code_challenge_method", "S256")
                .containsEntry("resource", base + "/mcp/self").containsEntry("redirect_uri", base + "/api/v2/mcp/servers/" + id
                        + "/oauth2/callback");

        Consent consent = consent(session, new LinkedHashMap<>(params));
        HttpResponse<String> allowed = decide(session, consent, "allow");
        URI callback = URI.create(allowed.headers().firstValue("Location").orElseThrow());
        String callbackPath = callback.getRawPath() + "?" + callback.getRawQuery();
        HttpResponse<String> done = get(callbackPath, "Cookie", "portcullis_session_token=" + session);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("connected to <strong>Self</strong>");
        assertThat(Json.object(get("/api/v2/mcp/servers/" + id, "Authorization", "Bearer " + session).body()))
                .containsEntry("auth_connected", true);

        HttpResponse<String> replay = get(callbackPath, "Cookie", "portcullis_session_token=" + session);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("already used");

        assertThat(Json.objects(get("/api/v2/users/me/oauth2-grants", "Authorization", "Bearer " + session).body()))
                .extracting(g -> g.get("client_id")).contains(clientId);
        assertThat(delete("/api/v2/mcp/servers/" + id + "/oauth2/disconnect", "Authorization", "Bearer " + session).statusCode())
                .isEqualTo(204);
        assertThat(get("/api/v2/users/me/oauth2-grants", "Authorization", "Bearer " + session).body())
                .as("disconnect revoked the grant upstream (RFC 7009)").doesNotContain(clientId);
        assertThat(Json.object(get("/api/v2/mcp/servers/" + id, "Authorization", "Bearer " + session).body()))
                .containsEntry("auth_connected", false);
        HttpResponse<String> again = get("/api/v2/mcp/servers/" + id + "/oauth2/connect", "Cookie", "portcullis_session_token=" + session);
        Consent second = consent(session, new LinkedHashMap<>(query(again.headers().firstValue("Location").orElseThrow())));
        URI back = URI.create(decide(session, second, "allow").headers().firstValue("Location").orElseThrow());
        assertThat(get(back.getRawPath() + "?" + back.getRawQuery(), "Cookie", "portcullis_session_token=" + session).statusCode())
                .isEqualTo(200);

        HttpResponse<String> moved = send(request("/api/v2/mcp/servers/" + id, "Authorization", "Bearer " + session,
                "Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"url\":\"" + base + "/mcp/self/v2\"}")).build());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(Json.object(moved.body())).containsEntry("auth_connected", false);
        assertThat(field(moved.body(), "oauth2_client_id")).as("a new url means a new registration upstream").isNotEqualTo(clientId);
        assertThat(delete("/api/v2/mcp/servers/" + id + "/oauth2/disconnect", "Authorization", "Bearer " + session).statusCode())
                .isEqualTo(404);
    }
}

package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every write endpoint × malformed bodies × content types, and every id path × malformed ids: never a
 * 5xx, always the protocol's own error shape, never a stack trace.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputSweepIT extends ServiceTest {
    private static final List<String> BODIES = List.of("", "null", "[]", "{", "{\"a\":", "\u0000", "%zz", "a=1&a=2",
            "{\"name\":123,\"redirect_uris\":{},\"callback_url\":[]}", "{\"redirect_uris\":[1,2]}", "x".repeat(70_000),
            "{\"token_name\":\"\\ud800\"}", "grant_type=authorization_code&code=%00");
    private static final List<String> TYPES = List.of("application/json", "application/x-www-form-urlencoded", "text/plain",
            "application/xml");
    private String auth;
    private String appId;
    private String serverId;

    @BeforeAll
    void setUp() {
        auth = "Bearer " + ownerSession();
        HttpResponse<String> app = postJson("/api/v2/oauth2-provider/apps", "{\"name\":\"Sweep\",\"callback_url\":\"https://s.example/cb\"}",
                "Authorization", auth);
        appId = field(app.body(), "id");
        serverId = field(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Sweep\",\"slug\":\"sweep\","
                + "\"url\":\"https://sweep.example/mcp\",\"enabled\":true}", "Authorization", auth).body(), "id");
    }

    private void assertSane(String what, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(what).isLessThan(500);
        assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        String type = r.headers().firstValue("content-type").orElse("");
        if (r.statusCode() >= 400 && !type.contains("text/html") && !r.body().isEmpty()) {
            assertThat(Json.firstField(r.body())).as(what).isIn("message", "error");
        }
    }

    @Test
    void writeEndpointsWhenBodiesMalformedThenNever5xx() {
        List<String[]> endpoints = List.of(new String[] {"POST", "/api/v2/users/first"}, new String[] {"POST", "/api/v2/users/login"},
                new String[] {"POST", "/api/v2/users"}, new String[] {"PUT", "/api/v2/users/me/status/suspend"}, new String[] {"POST", "/api/v2/users/me/keys/tokens"},
                new String[] {"POST", "/api/v2/oauth2-provider/apps"}, new String[] {"PUT", "/api/v2/oauth2-provider/apps/" + appId},
                new String[] {"POST", "/api/v2/oauth2-provider/apps/" + appId + "/secrets"},
                new String[] {"POST", "/oauth2/token"}, new String[] {"POST", "/oauth2/revoke"}, new String[] {"POST", "/oauth2/register"},
                new String[] {"PUT", "/oauth2/clients/" + appId}, new String[] {"POST", "/oauth2/authorize"}, new String[] {"POST", "/login"},
                new String[] {"POST", "/api/v2/mcp/servers"}, new String[] {"PATCH", "/api/v2/mcp/servers/" + serverId});
        for (String[] endpoint : endpoints) {
            for (String type : TYPES) {
                for (String body : BODIES) {
                    HttpRequest request = request(endpoint[1], "Content-Type", type, "Authorization",
                            endpoint[1].startsWith("/oauth2") ? "Basic Og==" : auth)
                            .method(endpoint[0], HttpRequest.BodyPublishers.ofString(body)).build();
                    assertSane(endpoint[0] + " " + endpoint[1] + " " + type + " " + body.substring(0, Math.min(40, body.length())),
                            send(request));
                }
            }
        }
        // the sweep suspended nobody and stored nothing odd: the owner still works (logout is left out on purpose)
        assertThat(get("/api/v2/users/me", "Authorization", auth).statusCode()).isEqualTo(200);
    }

    @Test
    void idPathsWhenMalformedThenNever5xx() {
        List<String> ids = List.of("%00", "..%2F..", "%2e%2e", "a%20b", "x".repeat(500), "%E2%98%83", "'%3B--", "-1",
                "00000000-0000-0000-0000-000000000000", "%7B%7D");
        List<String> templates = List.of("/api/v2/users/%s", "/api/v2/users/%s/keys/tokens", "/api/v2/users/me/keys/%s",
                "/api/v2/oauth2-provider/apps/%s", "/api/v2/oauth2-provider/apps/%s/secrets",
                "/api/v2/oauth2-provider/apps/" + appId + "/secrets/%s", "/api/v2/users/me/oauth2-grants/%s", "/oauth2/clients/%s",
                "/api/v2/mcp/servers/%s", "/api/v2/mcp/servers/%s/oauth2/connect", "/api/v2/mcp/servers/%s/oauth2/disconnect",
                "/api/v2/mcp/servers/%s/oauth2/callback",
                "/.well-known/oauth-protected-resource/%s");
        for (String template : templates) {
            for (String id : ids) {
                String path = template.replace("%s", id);
                for (String method : List.of("GET", "DELETE")) {
                    assertSane(method + " " + path, send(request(path, "Authorization", auth)
                            .method(method, HttpRequest.BodyPublishers.noBody()).build()));
                }
            }
        }
    }

    @Test
    void authorizeWhenQueryGarbageThenNever5xx() {
        for (String query : List.of("", "?client_id=%00", "?client_id=" + appId + "&redirect_uri=%00", "?client_id=" + appId
                + "&redirect_uri=https%3A%2F%2Fs.example%2Fcb&code_challenge=" + "a".repeat(300), "?response_type=code&response_type=token",
                "?client_id=" + appId + "&resource=%00&code_challenge=" + "a".repeat(43), "?a=%C0%AF")) {
            assertSane("authorize " + query, get("/oauth2/authorize" + query, "Authorization", auth));
        }
    }
}

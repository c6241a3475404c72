package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The signed-in home page: servers with their gateway URLs, authorized apps with revoke, sign-out; CSRF on every form. */
@MicronautTest
class HomePageIT extends OAuthFlows {
    @Test
    void homeWhenSignedInThenServersAppsAndWorkingForms() {
        String session = ownerSession();
        String cookie = "portcullis_session_token=" + session;
        postJson("/api/v2/mcp/servers", "{\"display_name\":\"Wiki\",\"slug\":\"wiki\",\"url\":\"https://wiki.example/mcp\",\"enabled\":true}",
                "Authorization", "Bearer " + session);
        postJson("/api/v2/mcp/servers", "{\"display_name\":\"Tracker\",\"slug\":\"tracker\",\"url\":\"https://t.example/mcp\","
                + "\"auth_type\":\"oauth2\",\"oauth2_client_id\":\"c\",\"oauth2_auth_url\":\"https://t.example/a\","
                + "\"oauth2_token_url\":\"https://t.example/t\",\"enabled\":true}", "Authorization", "Bearer " + session);
        String clientId = field(register("{\"client_name\":\"Helper\",\"redirect_uris\":[\"http://127.0.0.1:7100/cb\"],"
                + "\"token_endpoint_auth_method\":\"none\"}"), "client_id");
        String code = code(session, defaults(clientId, "http://127.0.0.1:7100/cb"));
        String access = field(token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "client_id", clientId, "redirect_uri", "http://127.0.0.1:7100/cb")).body(), "access_token");

        HttpResponse<String> home = get("/", "Cookie", cookie);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Wiki").contains("http://portcullis.test/mcp/wiki").contains("Ready")
                .contains("Tracker").contains("Not connected").contains("/oauth2/connect").contains("Helper");
        assertThat(get("/", "Authorization", "Bearer " + session).statusCode()).as("pages want the cookie").isEqualTo(303);
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(home.body());
        assertThat(m.find()).isTrue();
        String csrfCookie = home.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_csrf="))
                .findFirst().orElseThrow().split(";")[0];

        assertThat(postForm("/account/apps/" + clientId + "/revoke", Map.of(), "Cookie", cookie + "; " + csrfCookie).statusCode())
                .isEqualTo(403);
        HttpResponse<String> revoked = postForm("/account/apps/" + clientId + "/revoke", Map.of("csrf_token", m.group(1)),
                "Cookie", cookie + "; " + csrfCookie);
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + access).statusCode()).isEqualTo(401);

        HttpResponse<String> out = postForm("/logout", Map.of("csrf_token", m.group(1)), "Cookie", cookie + "; " + csrfCookie);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/login");
        assertThat(get("/api/v2/users/me", "Cookie", cookie).statusCode()).isEqualTo(401);
    }
}

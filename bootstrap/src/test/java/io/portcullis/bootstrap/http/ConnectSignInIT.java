package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.SelfUpstreamTest;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7 finding 12, at the HTTP level (the browser proof is interop/test/connect-browser.test.mjs): a signed-out
 * browser opening a connect URL is sent through {@code /login} and back; a browser navigation to the connect URL gets a
 * same-origin page that moves on to the upstream by itself, so the cross-origin hop is never part of the login form's
 * redirect chain (which {@code form-action 'self'} blocks). API clients keep the 401 challenge and the 307.
 * Portcullis is its own upstream here, a real authorization server on loopback.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectSignInIT extends SelfUpstreamTest {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private String session;
    private String connectPath;

    @BeforeAll
    void setUp() {
        session = ownerSession();
        HttpResponse<String> created = postJson("/api/v2/mcp/servers", "{\"display_name\":\"Self\",\"slug\":\"self\",\"url\":\""
                + "http://localhost:" + port + "/mcp/self\",\"auth_type\":\"oauth2\",\"enabled\":true}", "Authorization", "Bearer " + session);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        connectPath = "/api/v2/mcp/servers/" + field(created.body(), "id") + "/oauth2/connect";
    }

    @Test
    void connectWhenSignedOutBrowserThenSentToLoginWithReturnPath() {
        HttpResponse<String> r = get(connectPath, "Accept", BROWSER_ACCEPT, "Sec-Fetch-Mode", "navigate");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/login?redirect=");
        assertThat(URLDecoder.decode(location.substring("/login?redirect=".length()), StandardCharsets.UTF_8)).isEqualTo(connectPath);
    }

    @Test
    void connectWhenSignedOutApiClientThenStill401Challenge() {
        HttpResponse<String> r = get(connectPath, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer ");
    }

    @Test
    void signInThenConnectWhenBrowserThenSameOriginPageLeadingToUpstreamAuthorize() {
        HttpResponse<String> login = get("/login?redirect=" + enc(connectPath));
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(login.body());
        assertThat(m.find()).isTrue();
        String csrf = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_csrf="))
                .findFirst().orElseThrow().split(";")[0];
        HttpResponse<String> signedIn = postForm("/login", Map.of("email", OWNER_EMAIL, "password", PASSWORD, "csrf_token", m.group(1),
                "redirect", connectPath), "Cookie", csrf, "Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).contains(connectPath);
        String cookie = signedIn.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_session_token="))
                .findFirst().orElseThrow().split(";")[0];

        HttpResponse<String> page = get(connectPath, "Cookie", cookie, "Accept", BROWSER_ACCEPT, "Sec-Fetch-Mode", "navigate",
                "Sec-Fetch-Site", "same-origin");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        Matcher refresh = Pattern.compile("<meta http-equiv=\"refresh\" content=\"0;url=([^\"]+)\">").matcher(page.body());
        assertThat(refresh.find()).as(page.body()).isTrue();
        String upstream = refresh.group(1).replace("&amp;", "&");
        assertThat(upstream).startsWith("http://localhost:" + port + "/oauth2/authorize?");
        assertThat(page.body()).contains("href=\"" + refresh.group(1) + "\"");

        // the upstream authorize URL is a working one: its consent page leads back to the callback, which connects
        Consent consent = consent(field(postJson("/api/v2/users/login", "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\""
                + PASSWORD + "\"}").body(), "session_token"), new LinkedHashMap<>(query(upstream)));
        assertThat(consent.page().body()).contains("Portcullis");
    }

    @Test
    void connectWhenApiClientSignedInThen307AsBefore() {
        HttpResponse<String> r = get(connectPath, "Cookie", "portcullis_session_token=" + session);
        assertThat(r.statusCode()).isEqualTo(307);
        assertThat(r.headers().firstValue("Location").orElse("")).startsWith("http://localhost:" + port + "/oauth2/authorize?");
    }
}

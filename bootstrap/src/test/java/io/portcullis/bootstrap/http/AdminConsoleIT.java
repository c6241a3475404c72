package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The owner console at /admin over HTTP: who gets in, the pages' headers, CSRF on every form, and what the forms do. */
@MicronautTest
class AdminConsoleIT extends OAuthFlows {
    private String owner;
    private String cookie;

    @BeforeAll
    void signIn() {
        owner = ownerSession();
        cookie = "portcullis_session_token=" + owner;
    }

    /** GETs {@code page} as the owner and POSTs {@code form} to {@code action} with that page's CSRF token and cookie. */
    private HttpResponse<String> submit(String page, String action, Map<String, String> form, String... headers) {
        HttpResponse<String> shown = get(page, "Cookie", cookie);
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(shown.body());
        assertThat(m.find()).isTrue();
        String csrfCookie = shown.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_csrf="))
                .findFirst().orElseThrow().split(";")[0];
        Map<String, String> body = new HashMap<>(form);
        body.put("csrf_token", m.group(1));
        String[] all = new String[headers.length + 2];
        all[0] = "Cookie";
        all[1] = cookie + "; " + csrfCookie;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return postForm(action, body, all);
    }

    @Test
    void adminWhenSignedOutThenSentToSignInAndBack() {
        HttpResponse<String> r = get("/admin/servers?x=1", "Accept", "text/html");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/login?redirect=%2Fadmin%2Fservers%3Fx%3D1");
        assertThat(postForm("/admin/users", Map.of("email", "x@example.com")).headers().firstValue("Location"))
                .contains("/login?redirect=%2Fadmin");
    }

    @Test
    void adminWhenMemberThen403Page() {
        String member = memberSession(owner, "console-member");
        HttpResponse<String> r = get("/admin/users", "Cookie", "portcullis_session_token=" + member);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("Owners only").doesNotContain("console-member@example.com");
        assertThat(postForm("/admin/users", Map.of("email", "y@example.com"), "Cookie", "portcullis_session_token=" + member)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void everyConsolePageWhenOwnerThenHtmlWithTheStrictHeaders() {
        for (String page : List.of("/admin/users", "/admin/apps", "/admin/resources", "/admin/servers", "/admin/grants",
                "/admin/audit")) {
            HttpResponse<String> r = get(page, "Cookie", cookie);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'")
                    .contains("form-action 'self'");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.body()).contains("/assets/portcullis.css").contains("class=\"console-nav\"");
            if (!page.equals("/admin/grants") && !page.equals("/admin/audit")) { // its only forms are the revoke buttons of existing grants
                assertThat(r.body()).contains("name=\"csrf_token\"");
            }
        }
        assertThat(get("/admin", "Cookie", cookie).headers().firstValue("Location")).contains("/admin/users");
    }

    @Test
    void createUserWhenNoTokenOrCrossSiteThen403ElseCreated() {
        HttpResponse<String> noToken = postForm("/admin/users", Map.of("email", "nt@example.com", "username", "nt",
                "password", "password-123"), "Cookie", cookie);
        assertThat(noToken.statusCode()).isEqualTo(403);
        Map<String, String> form = Map.of("email", "made@example.com", "username", "made", "password", "password-123");
        assertThat(submit("/admin/users", "/admin/users", form, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        HttpResponse<String> made = submit("/admin/users", "/admin/users", form);
        assertThat(made.statusCode()).isEqualTo(303);
        assertThat(get("/admin/users?done=user-created", "Cookie", cookie).body()).contains("made@example.com")
                .contains("User created.");
        assertThat(login("made@example.com", "password-123")).isNotBlank();
        HttpResponse<String> again = submit("/admin/users", "/admin/users", form);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already exists");
    }

    @Test
    void demoteSelfWhenLastOwnerThen409PageSaysWhy() {
        String id = Json.text(get("/api/v2/users/me", "Authorization", "Bearer " + owner).body(), "id");
        HttpResponse<String> r = submit("/admin/users", "/admin/users/" + id + "/role", Map.of("role", "member"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("last active owner");
    }

    @Test
    void resetPasswordAndDeleteWhenOwnerThenDone() {
        memberSession(owner, "console-reset");
        String id = Json.text(get("/api/v2/users/console-reset", "Authorization", "Bearer " + owner).body(), "id");
        assertThat(submit("/admin/users", "/admin/users/" + id + "/password", Map.of("password", "short")).statusCode())
                .isEqualTo(400);
        assertThat(submit("/admin/users", "/admin/users/" + id + "/password", Map.of("password", "console-new-1")).statusCode())
                .isEqualTo(303);
        assertThat(login("console-reset@example.com", "console-new-1")).isNotBlank();
        assertThat(submit("/admin/users", "/admin/users/" + id + "/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(get("/api/v2/users/console-reset", "Authorization", "Bearer " + owner).statusCode()).isEqualTo(404);
    }

    @Test
    void editProfileWhenOwnerThenSavedAndATakenNameIsA409Page() {
        memberSession(owner, "console-profile");
        String id = Json.text(get("/api/v2/users/console-profile", "Authorization", "Bearer " + owner).body(), "id");
        assertThat(get("/admin/users", "Cookie", cookie).body()).contains("action=\"/admin/users/" + id + "/profile\"");
        HttpResponse<String> saved = submit("/admin/users", "/admin/users/" + id + "/profile",
                Map.of("username", "console-profile-2", "email", "console-profile-2@example.com"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(get("/api/v2/users/" + id, "Authorization", "Bearer " + owner).body()).contains("\"username\":\"console-profile-2\"")
                .contains("console-profile-2@example.com");
        HttpResponse<String> taken = submit("/admin/users", "/admin/users/" + id + "/profile",
                Map.of("username", "owner", "email", "console-profile-2@example.com"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("already exists");
        assertThat(submit("/admin/users", "/admin/users/" + id + "/profile", Map.of("username", "Bad Name")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void revokeGrantWhenOwnerThenItsTokensStopWorking() {
        String clientId = field(register("{\"client_name\":\"Grant Viewer\",\"redirect_uris\":[\"http://127.0.0.1:7101/cb\"],"
                + "\"token_endpoint_auth_method\":\"none\"}"), "client_id");
        String member = memberSession(owner, "console-granter");
        String code = code(member, defaults(clientId, "http://127.0.0.1:7101/cb"));
        String access = field(token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "client_id", clientId, "redirect_uri", "http://127.0.0.1:7101/cb")).body(), "access_token");
        HttpResponse<String> page = get("/admin/grants", "Cookie", cookie);
        assertThat(page.body()).contains("console-granter").contains("Grant Viewer");
        Matcher m = Pattern.compile("/admin/grants/([0-9a-f-]+)/revoke").matcher(page.body());
        assertThat(m.find()).isTrue();
        assertThat(submit("/admin/grants", "/admin/grants/" + m.group(1) + "/revoke", Map.of()).statusCode()).isEqualTo(303);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + access).statusCode()).isEqualTo(401);
        assertThat(submit("/admin/users", "/admin/grants/" + m.group(1) + "/revoke", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void createAppAndSecretAndResourceThenSecretsShownOnce() {
        HttpResponse<String> app = submit("/admin/apps", "/admin/apps", Map.of("name", "Console App",
                "token_endpoint_auth_method", "client_secret_basic", "redirect_uris", "https://app.example/cb"));
        assertThat(app.statusCode()).as(app.body()).isEqualTo(303);
        String path = app.headers().firstValue("Location").orElseThrow().split("\\?")[0];
        HttpResponse<String> secret = submit(path, path + "/secrets", Map.of());
        assertThat(secret.statusCode()).isEqualTo(201);
        assertThat(secret.body()).contains("shown only this once").contains("Client secret");
        assertThat(get(path, "Cookie", cookie).body()).contains("Console App").contains("…");

        HttpResponse<String> resource = submit("/admin/resources", "/admin/resources", Map.of("resource", "https://api.console.example",
                "display_name", "Console API", "scopes", "read write", "access_token_format", "jwt",
                "access_token_lifetime_seconds", "600"));
        assertThat(resource.statusCode()).as(resource.body()).isEqualTo(201);
        assertThat(resource.body()).contains("Introspection client secret");
        assertThat(get("/admin/resources", "Cookie", cookie).body()).contains("Console API").contains("https://api.console.example");
        HttpResponse<String> bad = submit("/admin/resources", "/admin/resources", Map.of("resource", "not a uri",
                "display_name", "Bad"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("class=\"error\"");
    }

    @Test
    void registerServerWhenDiscoveryFailsThenErrorInWordsAndNothingStored() {
        HttpResponse<String> r = submit("/admin/servers", "/admin/servers", Map.of("url", "http://127.0.0.1:1/mcp",
                "display_name", "Nowhere", "slug", "nowhere", "auth_type", "oauth2"));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("discovery failed").contains("value=\"http://127.0.0.1:1/mcp\"");
        assertThat(get("/admin/servers", "Cookie", cookie).body()).doesNotContain("/mcp/nowhere");
        HttpResponse<String> plain = submit("/admin/servers", "/admin/servers", Map.of("url", "https://plain.example/mcp",
                "display_name", "Plain", "slug", "plain", "auth_type", "none", "enabled", "true"));
        assertThat(plain.statusCode()).isEqualTo(201);
        assertThat(plain.body()).contains("No discovery is needed");
    }

    @Test
    void auditPageWhenFilteredThenShowsTheMatchingEntriesAndRefusesBadDates() {
        memberSession(owner, "audited");
        postJson("/api/v2/users/login", "{\"email\":\"audited@example.com\",\"password\":\"wrong-password\"}");
        HttpResponse<String> all = get("/admin/audit", "Cookie", cookie);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("user.create").contains("login.failure");
        HttpResponse<String> failures = get("/admin/audit?action=login.failure", "Cookie", cookie);
        assertThat(failures.body()).contains("<code>login.failure</code>").doesNotContain("<code>user.create</code>")
                .doesNotContain("wrong-password");
        HttpResponse<String> byUser = get("/admin/audit?user=audited&since=2000-01-01T00%3A00", "Cookie", cookie);
        assertThat(byUser.statusCode()).isEqualTo(200);
        assertThat(byUser.body()).contains("<code>user.create</code>");
        HttpResponse<String> bad = get("/admin/audit?since=yesterday", "Cookie", cookie);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("class=\"error\"").contains("Since");
    }
}

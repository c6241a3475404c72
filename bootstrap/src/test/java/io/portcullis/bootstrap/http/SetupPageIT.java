package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** First-run setup in the browser: only while no user exists, CSRF-protected, signs the owner in. */
@MicronautTest
class SetupPageIT extends ServiceTest {
    @Test
    void setupWhenNoUserThenOwnerCreatedAndSignedInAndThenGone() {
        HttpResponse<String> login = get("/login");
        assertThat(login.headers().firstValue("Location")).as(login.statusCode() + " " + login.body()).contains("/setup");
        HttpResponse<String> page = get("/setup");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String csrf = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_csrf="))
                .findFirst().orElseThrow().split(";")[0];
        assertThat(postForm("/setup", Map.of("email", "a@example.com", "username", "admin", "password", "long-password-1"),
                "Cookie", csrf).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> noCode = postForm("/setup", Map.of("email", "a@example.com", "username", "admin", "password",
                "long-password-1", "csrf_token", m.group(1)), "Cookie", csrf);
        assertThat(noCode.statusCode()).as("no setup code").isEqualTo(403);
        assertThat(noCode.body()).contains("setup code");
        assertThat(postForm("/setup", Map.of("email", "a@example.com", "username", "admin", "password", "long-password-1",
                "csrf_token", m.group(1), "setup_code", "guess"), "Cookie", csrf).statusCode()).as("wrong code").isEqualTo(403);
        assertThat(page.body()).contains("name=\"setup_code\"");
        HttpResponse<String> bad = postForm("/setup", Map.of("email", "a@example.com", "username", "Bad Name", "password",
                "long-password-1", "csrf_token", m.group(1), "setup_code", SETUP_CODE), "Cookie", csrf);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("username");
        HttpResponse<String> done = postForm("/setup", Map.of("email", "a@example.com", "username", "admin", "password",
                "long-password-1", "csrf_token", m.group(1), "setup_code", SETUP_CODE), "Cookie", csrf);
        assertThat(done.statusCode()).isEqualTo(303);
        String session = done.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_session_token="))
                .findFirst().orElseThrow().split(";")[0];
        assertThat(Json.object(get("/api/v2/users/me", "Cookie", session).body())).containsEntry("roles", java.util.List.of("owner"));
        assertThat(get("/setup").headers().firstValue("Location")).contains("/login");
        assertThat(postForm("/setup", Map.of("email", "b@example.com", "username", "second", "password", "long-password-1",
                "csrf_token", m.group(1)), "Cookie", csrf).headers().firstValue("Location")).contains("/login");
        assertThat(get("/api/v2/users", "Cookie", session).body()).doesNotContain("second");
    }
}

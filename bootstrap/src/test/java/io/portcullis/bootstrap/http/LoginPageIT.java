package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTML sign-in page: CSRF, safe redirects, security headers. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginPageIT extends ServiceTest {
    @BeforeAll
    void owner() {
        ownerSession();
    }

    private record Form(String csrf, String cookie) {
    }

    private Form loadForm(String redirect) {
        HttpResponse<String> page = get("/login?redirect=" + enc(redirect));
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String cookie = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_csrf="))
                .findFirst().orElseThrow().split(";")[0];
        return new Form(m.group(1), cookie);
    }

    @Test
    void formWhenRenderedThenFieldsAndStrictHeaders() {
        HttpResponse<String> page = get("/login?redirect=%2Foauth2%2Fauthorize%3Fx%3D1");
        assertThat(page.body()).contains("name=\"email\"").contains("name=\"password\"")
                .contains("value=\"/oauth2/authorize?x=1\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void submitWhenCredentialsRightThen303ToRedirectWithSessionCookie() {
        Form form = loadForm("/oauth2/authorize?client_id=abc");
        HttpResponse<String> r = postForm("/login", Map.of("email", OWNER_EMAIL, "password", PASSWORD, "csrf_token", form.csrf(),
                "redirect", "/oauth2/authorize?client_id=abc"), "Cookie", form.cookie());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/oauth2/authorize?client_id=abc");
        String session = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_session_token="))
                .findFirst().orElseThrow().split(";")[0];
        assertThat(get("/api/v2/users/me", "Cookie", session).statusCode()).isEqualTo(200);
    }

    @Test
    void submitWhenCsrfMissingOrWrongThen403AndNoSession() {
        Form form = loadForm("/");
        HttpResponse<String> missing = postForm("/login", Map.of("email", OWNER_EMAIL, "password", PASSWORD), "Cookie", form.cookie());
        assertThat(missing.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = postForm("/login", Map.of("email", OWNER_EMAIL, "password", PASSWORD,
                "csrf_token", "x".repeat(32)), "Cookie", form.cookie());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("portcullis_session_token="));
    }

    @Test
    void submitWhenPasswordWrongThen401PageWithMessage() {
        Form form = loadForm("/");
        HttpResponse<String> r = postForm("/login", Map.of("email", OWNER_EMAIL, "password", "wrong-password",
                "csrf_token", form.csrf()), "Cookie", form.cookie());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("incorrect e-mail or password").contains("value=\"owner@example.com\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)",
        "evil.example", "\\\\evil.example", "/\r\nSet-Cookie: x=1", "/a\tb"})
    void submitWhenRedirectNotSameOriginPathThenGoesHome(String redirect) {
        Form form = loadForm(redirect);
        HttpResponse<String> r = postForm("/login", Map.of("email", OWNER_EMAIL, "password", PASSWORD, "csrf_token", form.csrf(),
                "redirect", redirect), "Cookie", form.cookie());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/");
    }

    @Test
    void formWhenAlreadySignedInByCookieThenStraightToRedirect() {
        String session = login(OWNER_EMAIL, PASSWORD);
        HttpResponse<String> r = get("/login?redirect=%2Foauth2%2Fauthorize%3Fa%3D1", "Cookie", "portcullis_session_token=" + session);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/oauth2/authorize?a=1");
        assertThat(get("/login", "Cookie", "portcullis_session_token=expired-or-bad").statusCode()).isEqualTo(200);
    }
}

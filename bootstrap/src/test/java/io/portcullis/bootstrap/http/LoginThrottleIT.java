package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign-in throttling (PRODUCT §12, issue 7 finding 3): failures count per (account, client address) and per
 * client address, so whoever knows an e-mail cannot lock its owner out from elsewhere. The loopback socket is a
 * trusted proxy here, so each test speaks from its own {@code X-Forwarded-For} address.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleIT extends ServiceTest {
    private static final String MEMBER_EMAIL = "member@example.com";
    private static final String MEMBER_PASSWORD = "member-password-1";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.trusted-proxies", "127.0.0.1/32,::1/128");
        return props;
    }

    @BeforeAll
    void users() {
        memberSession(ownerSession(), "member");
    }

    private HttpResponse<String> apiLogin(String from, String email, String password) {
        return postJson("/api/v2/users/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                "X-Forwarded-For", from);
    }

    @Test
    void apiLoginWhenAnotherAddressFailedFiveTimesThenRightPasswordFromACleanAddressSignsIn() {
        for (int i = 0; i < 5; i++) {
            assertThat(apiLogin("198.51.100.7", MEMBER_EMAIL, "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> attacker = apiLogin("198.51.100.7", MEMBER_EMAIL, MEMBER_PASSWORD);
        assertThat(attacker.statusCode()).isEqualTo(429);
        assertThat(attacker.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isBetween(880L, 900L));
        assertThat(apiLogin("203.0.113.9", MEMBER_EMAIL, MEMBER_PASSWORD).statusCode()).isEqualTo(201);
        assertThat(apiLogin("2001:db8::9", MEMBER_EMAIL, MEMBER_PASSWORD).statusCode()).isEqualTo(201);
    }

    @Test
    void browserLoginWhenAnotherAddressFailedFiveTimesThenRightPasswordFromACleanAddressSignsIn() {
        for (int i = 0; i < 5; i++) {
            assertThat(formLogin("198.51.100.8", MEMBER_EMAIL, "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(formLogin("198.51.100.8", MEMBER_EMAIL, MEMBER_PASSWORD).statusCode()).isEqualTo(429);
        HttpResponse<String> user = formLogin("203.0.113.10", MEMBER_EMAIL, MEMBER_PASSWORD);
        assertThat(user.statusCode()).isEqualTo(303);
        assertThat(user.headers().allValues("set-cookie")).anyMatch(c -> c.startsWith("portcullis_session_token="));
    }

    @Test
    void loginWhenOneAddressFailsAcrossManyAccountsThenThatAddressIsThrottledAndOthersAreNot() {
        for (int i = 0; i < 30; i++) {
            assertThat(apiLogin("198.51.100.30", "sprayed-" + i + "@example.com", "guess-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(apiLogin("198.51.100.30", OWNER_EMAIL, PASSWORD).statusCode()).isEqualTo(429);
        assertThat(apiLogin("198.51.100.31", OWNER_EMAIL, PASSWORD).statusCode()).isEqualTo(201);
    }

    @Test
    void loginWhenThrottledThenAnswerTakesAsLongAsAPasswordCheck() {
        for (int i = 0; i < 5; i++) {
            apiLogin("198.51.100.40", "timing@example.com", "wrong-password-" + i);
        }
        long checked = Long.MAX_VALUE;
        long throttled = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertThat(apiLogin("198.51.100.41", "timing-" + i + "@example.com", "wrong").statusCode()).isEqualTo(401);
            long t1 = System.nanoTime();
            assertThat(apiLogin("198.51.100.40", "timing@example.com", "wrong").statusCode()).isEqualTo(429);
            long t2 = System.nanoTime();
            checked = Math.min(checked, t1 - t0);
            throttled = Math.min(throttled, t2 - t1);
        }
        System.out.printf("sign-in timing: fastest throttled %d us, fastest checked %d us%n", throttled / 1000, checked / 1000);
        // the refusal still runs the decoy Argon2id check: never an instant answer an attacker could tell apart
        assertThat(throttled).as("fastest throttled %d us vs fastest checked %d us", throttled / 1000, checked / 1000)
                .isGreaterThan(checked / 2);
    }

    private HttpResponse<String> formLogin(String from, String email, String password) {
        HttpResponse<String> page = get("/login?redirect=%2F", "X-Forwarded-For", from);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String cookie = page.headers().allValues("set-cookie").stream().filter(c -> c.contains("portcullis_csrf="))
                .findFirst().orElseThrow().split(";")[0];
        return postForm("/login", Map.of("email", email, "password", password, "csrf_token", m.group(1), "redirect", "/"),
                "Cookie", cookie, "X-Forwarded-For", from, "Origin", ACCESS_URL, "Sec-Fetch-Site", "same-origin");
    }
}

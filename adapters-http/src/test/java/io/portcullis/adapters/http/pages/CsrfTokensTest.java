package io.portcullis.adapters.http.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.shared.RandomSource;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Issue 7 finding 9: signed, session-bound CSRF tokens; the {@code __Host-} cookie under https; same-origin POSTs only. */
class CsrfTokensTest {
    private static final RandomSource RANDOM = length -> {
        byte[] b = new byte[length];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    };
    private static final CsrfSigningKey KEY = new CsrfSigningKey(filled(1));

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    private static MutableHttpRequest<?> post(String cookieName, String nonce, String session) {
        MutableHttpRequest<?> request = HttpRequest.POST("/login", "");
        if (nonce != null) {
            request.cookie(Cookie.of(cookieName, nonce));
        }
        if (session != null) {
            request.cookie(Cookie.of("portcullis_session_token", session));
        }
        return request;
    }

    private static String nonce(String token) {
        return token.substring(0, token.indexOf('.'));
    }

    @Test
    void tokenWhenIssuedThenValidOnlyWithItsCookieSessionAndKey() {
        CsrfTokens csrf = new CsrfTokens(RANDOM, new ServerUrls("http://portcullis.test"), KEY);
        String token = csrf.tokenFor(post("portcullis_csrf", null, "session-a"));
        String n = nonce(token);
        assertThat(csrf.valid(post("portcullis_csrf", n, "session-a"), token)).isTrue();
        assertThat(csrf.valid(post("portcullis_csrf", n, "session-b"), token)).as("another session").isFalse();
        assertThat(csrf.valid(post("portcullis_csrf", n, null), token)).as("signed out").isFalse();
        assertThat(csrf.valid(post("portcullis_csrf", "B".repeat(32), "session-a"), token)).as("another cookie").isFalse();
        assertThat(csrf.valid(post("portcullis_csrf", n, "session-a"), n)).as("the bare nonce").isFalse();
        assertThat(new CsrfTokens(RANDOM, new ServerUrls("http://portcullis.test"), new CsrfSigningKey(filled(2)))
                .valid(post("portcullis_csrf", n, "session-a"), token)).as("another server key").isFalse();
        assertThat(new CsrfTokens(RANDOM, new ServerUrls("http://portcullis.test"), new CsrfSigningKey(filled(1)))
                .valid(post("portcullis_csrf", n, "session-a"), token)).as("a replica with the same key").isTrue();
    }

    @Test
    void validWhenPlantedCookieAndMatchingFieldThenRefused() {
        CsrfTokens csrf = new CsrfTokens(RANDOM, new ServerUrls("http://portcullis.test"), KEY);
        String planted = "A".repeat(32);
        assertThat(csrf.valid(post("portcullis_csrf", planted, null), planted)).isFalse();
        assertThat(csrf.valid(post("portcullis_csrf", planted, null), planted + "." + "x".repeat(43))).isFalse();
    }

    @Test
    void validWhenCrossSiteThenRefused() {
        CsrfTokens csrf = new CsrfTokens(RANDOM, new ServerUrls("http://portcullis.test"), KEY);
        String token = csrf.tokenFor(post("portcullis_csrf", null, null));
        assertThat(csrf.valid(post("portcullis_csrf", nonce(token), null).header("Origin", "https://evil.example"), token)).isFalse();
        assertThat(csrf.valid(post("portcullis_csrf", nonce(token), null).header("Sec-Fetch-Site", "cross-site"), token)).isFalse();
        assertThat(csrf.valid(post("portcullis_csrf", nonce(token), null).header("Sec-Fetch-Site", "same-site"), token)).isFalse();
        assertThat(csrf.valid(post("portcullis_csrf", nonce(token), null).header("Sec-Fetch-Site", "same-origin"), token)).isTrue();
        assertThat(csrf.valid(post("portcullis_csrf", nonce(token), null).header("Origin", "http://portcullis.test"), token)).isTrue();
    }

    @Test
    void cookieWhenAccessUrlHttpsThenHostPrefixedSecureAndThePlainNameIgnored() {
        CsrfTokens csrf = new CsrfTokens(RANDOM, new ServerUrls("https://auth.example"), KEY);
        String token = csrf.tokenFor(post("__Host-portcullis_csrf", null, null));
        MutableHttpResponse<?> response = HttpResponse.ok();
        csrf.attach(response, token);
        String setCookie = String.join("\n", response.getHeaders().getAll("Set-Cookie"));
        assertThat(setCookie).startsWith("__Host-portcullis_csrf=" + nonce(token)).contains("Path=/").contains("Secure")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain("Domain=");
        assertThat(csrf.valid(post("__Host-portcullis_csrf", nonce(token), null), token)).isTrue();
        assertThat(csrf.valid(post("portcullis_csrf", nonce(token), null), token)).as("a cookie without the prefix").isFalse();
        CsrfTokens plain = new CsrfTokens(RANDOM, new ServerUrls("http://portcullis.test"), KEY);
        MutableHttpResponse<?> http = HttpResponse.ok();
        plain.attach(http, plain.tokenFor(post("portcullis_csrf", null, null)));
        assertThat(String.join("\n", http.getHeaders().getAll("Set-Cookie"))).startsWith("portcullis_csrf=");
    }
}

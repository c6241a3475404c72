package io.portcullis.adapters.http.pages;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.shared.RandomSource;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * Double-submit CSRF protection for the HTML forms: a random value in an HttpOnly SameSite=Strict
 * cookie must equal the form's hidden field (constant-time comparison). The field is written by {@code csrf.jte}.
 */
@Singleton
public final class CsrfTokens {
    public static final String COOKIE = "portcullis_csrf";
    public static final String FIELD = "csrf_token";
    private final RandomSource random;
    private final ServerUrls urls;

    public CsrfTokens(RandomSource random, ServerUrls urls) {
        this.random = random;
        this.urls = urls;
    }

    /** The token to embed: the existing cookie's value, or a new one. */
    public String tokenFor(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> v.length() == 32)
                .orElseGet(() -> random.alphanumeric(32));
    }

    public void attach(MutableHttpResponse<?> response, String token) {
        response.cookie(Cookie.of(COOKIE, token).path("/").httpOnly(true).sameSite(SameSite.Strict)
                .secure(urls.secure()).maxAge(Duration.ofHours(2)));
    }

    public boolean valid(HttpRequest<?> request, String submitted) {
        Optional<String> cookie = request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
        if (cookie.isEmpty() || submitted == null || cookie.get().length() != 32) {
            return false;
        }
        return MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }
}

package io.portcullis.adapters.http.pages;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.shared.RandomSource;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF protection for the HTML forms (PRODUCT §12). The form's hidden field is {@code <nonce>.<signature>}: the nonce
 * also sits in an HttpOnly SameSite=Strict cookie ({@code __Host-} prefixed when the access URL is https), and the
 * signature is an HMAC under the server's {@link CsrfSigningKey} over the nonce and the browser's session cookie. A
 * cookie planted by someone else with a field to match is therefore refused (they cannot sign), and a field taken from
 * another session does not fit this one. The POST must also come from this origin: {@code Sec-Fetch-Site}, else
 * {@code Origin}, as for cookie-authenticated API writes. The field is written by {@code csrf.jte}.
 */
@Singleton
public final class CsrfTokens {
    public static final String COOKIE = "portcullis_csrf";
    /** The cookie's name under https: a sibling host or plain-http page cannot set a {@code __Host-} cookie. */
    public static final String SECURE_COOKIE = "__Host-" + COOKIE;
    public static final String FIELD = "csrf_token";
    private static final int NONCE_LENGTH = 32;
    private final RandomSource random;
    private final ServerUrls urls;
    private final SecretKeySpec key;

    public CsrfTokens(RandomSource random, ServerUrls urls, CsrfSigningKey key) {
        this.random = random;
        this.urls = urls;
        this.key = new SecretKeySpec(key.value(), "HmacSHA256");
    }

    /** The cookie carrying the nonce on this deployment. */
    public String cookieName() {
        return urls.secure() ? SECURE_COOKIE : COOKIE;
    }

    /** The field value to embed: this browser's nonce (or a new one) with its signature for the current session. */
    public String tokenFor(HttpRequest<?> request) {
        String nonce = nonce(request).orElseGet(() -> random.alphanumeric(NONCE_LENGTH));
        return nonce + "." + sign(nonce, session(request));
    }

    /** Sets the nonce cookie of {@code token} (from {@link #tokenFor}). */
    public void attach(MutableHttpResponse<?> response, String token) {
        int dot = token.indexOf('.');
        response.cookie(Cookie.of(cookieName(), dot < 0 ? token : token.substring(0, dot)).path("/").httpOnly(true)
                .sameSite(SameSite.Strict).secure(urls.secure()).maxAge(Duration.ofHours(2)));
    }

    /** True when the form came from this origin and {@code submitted} is the signed token of this browser and session. */
    public boolean valid(HttpRequest<?> request, String submitted) {
        if (submitted == null || RequestAuthenticator.crossSite(request, urls.origin())) {
            return false;
        }
        Optional<String> nonce = nonce(request);
        if (nonce.isEmpty()) {
            return false;
        }
        String expected = nonce.get() + "." + sign(nonce.get(), session(request));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<String> nonce(HttpRequest<?> request) {
        return request.getCookies().findCookie(cookieName()).map(Cookie::getValue)
                .filter(v -> v.length() == NONCE_LENGTH && v.chars().allMatch(Character::isLetterOrDigit));
    }

    /** The session cookie as sent (empty when signed out): a token signed for one session is void in another. */
    private static String session(HttpRequest<?> request) {
        return request.getCookies().findCookie(RequestAuthenticator.COOKIE).map(Cookie::getValue).orElse("");
    }

    private String sign(String nonce, String session) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update("portcullis-csrf\0".getBytes(StandardCharsets.UTF_8));
            mac.update(nonce.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(session.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

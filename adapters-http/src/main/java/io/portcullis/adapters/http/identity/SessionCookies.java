package io.portcullis.adapters.http.identity;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.identity.IdentityPolicy;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The session cookie: HttpOnly, SameSite=Lax, Secure whenever the access URL is https. */
@Singleton
public final class SessionCookies {
    private final ServerUrls urls;
    private final IdentityPolicy policy;

    public SessionCookies(ServerUrls urls, IdentityPolicy policy) {
        this.urls = urls;
        this.policy = policy;
    }

    public void set(MutableHttpResponse<?> response, String token) {
        response.cookie(base(token).maxAge(policy.sessionDuration()));
    }

    public void clear(MutableHttpResponse<?> response) {
        response.cookie(base("").maxAge(Duration.ZERO));
    }

    private Cookie base(String value) {
        return Cookie.of(RequestAuthenticator.COOKIE, value).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(urls.secure());
    }
}

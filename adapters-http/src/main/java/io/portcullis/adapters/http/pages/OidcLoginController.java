package io.portcullis.adapters.http.pages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.identity.SessionCookies;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.identity.port.in.OidcSignInUseCase;
import io.portcullis.domain.identity.OidcSignInError;
import io.portcullis.domain.shared.Result;
import java.time.Duration;

/**
 * Sign-in with a configured OpenID provider (PRODUCT §8): {@code /login/oidc/<name>} sends the browser to the provider,
 * keeping the sealed state, nonce and PKCE verifier in a cookie of this path (HttpOnly, SameSite=Lax so the provider's
 * top-level redirect back carries it; any replica can open it); the callback signs the person in and goes on to the
 * same-origin {@code redirect}. Every refusal is a page saying what happened.
 */
@Controller("/login/oidc")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class OidcLoginController {
    static final String COOKIE = "portcullis_oidc";
    private final OidcSignInUseCase oidc;
    private final SessionCookies sessions;
    private final ServerUrls urls;

    public OidcLoginController(OidcSignInUseCase oidc, SessionCookies sessions, ServerUrls urls) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.urls = urls;
    }

    @Get(value = "/{provider}", produces = PageResponses.HTML)
    HttpResponse<?> start(@PathVariable String provider, @Nullable @QueryValue String redirect) {
        Result<OidcSignInUseCase.Started, OidcSignInError> started = oidc.start(provider,
                LoginPageController.safeRedirect(redirect), callback(provider));
        if (!started.isOk()) {
            return refusal(started.error());
        }
        return HttpResponse.status(HttpStatus.SEE_OTHER).header("Location", started.value().authorizationUrl())
                .header("Cache-Control", "no-store").cookie(cookie(started.value().sealedState(), Duration.ofMinutes(10)));
    }

    @Get(value = "/{provider}/callback", produces = PageResponses.HTML)
    HttpResponse<?> callback(HttpRequest<?> request, @PathVariable String provider, @Nullable @QueryValue String code,
            @Nullable @QueryValue String state, @Nullable @QueryValue String error,
            @Nullable @QueryValue("error_description") String errorDescription) {
        if (error != null) {
            String why = errorDescription == null || errorDescription.isBlank() ? error : errorDescription;
            return cleared(PageResponses.error(HttpStatus.FORBIDDEN, "Sign-in not completed",
                    "The identity provider did not sign you in: " + cut(why) + ". Start again from the sign-in page."));
        }
        String sealed = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
        Result<OidcSignInUseCase.SignedIn, OidcSignInError> done = oidc.finish(provider, code, state, sealed,
                callback(provider));
        if (!done.isOk()) {
            return refusal(done.error());
        }
        MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.SEE_OTHER)
                .header("Location", done.value().redirect()).header("Cache-Control", "no-store");
        sessions.set(response, done.value().session().plaintext());
        return cleared(response);
    }

    private String callback(String provider) {
        return urls.url("/login/oidc/" + provider + "/callback");
    }

    private MutableHttpResponse<?> refusal(OidcSignInError error) {
        HttpStatus status = error instanceof OidcSignInError.UnknownProvider ? HttpStatus.NOT_FOUND
                : error instanceof OidcSignInError.ProviderFailed ? HttpStatus.BAD_GATEWAY
                : error instanceof OidcSignInError.InvalidState ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN;
        return cleared(PageResponses.error(status, "Sign-in refused", error.message()));
    }

    private <T> MutableHttpResponse<T> cleared(MutableHttpResponse<T> response) {
        return response.cookie(cookie("", Duration.ZERO));
    }

    private Cookie cookie(String value, Duration maxAge) {
        return Cookie.of(COOKIE, value).path("/login/oidc").httpOnly(true).sameSite(SameSite.Lax).secure(urls.secure())
                .maxAge(maxAge);
    }

    private static String cut(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}

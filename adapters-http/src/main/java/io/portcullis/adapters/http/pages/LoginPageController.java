package io.portcullis.adapters.http.pages;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.identity.SessionCookies;
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.application.identity.port.in.CreateFirstUserUseCase;
import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.port.in.OidcSignInUseCase;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.shared.Result;
import java.net.URI;
import java.util.Optional;

/** The browser sign-in page (PRODUCT §2). */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public final class LoginPageController {
    private final LoginUseCase login;
    private final SessionCookies cookies;
    private final CsrfTokens csrf;
    private final RequestAuthenticator authenticator;
    private final CreateFirstUserUseCase firstUser;
    private final ClientAddressResolver clientAddresses;
    private final OidcSignInUseCase oidc;

    public LoginPageController(LoginUseCase login, SessionCookies cookies, CsrfTokens csrf, RequestAuthenticator authenticator,
            CreateFirstUserUseCase firstUser, ClientAddressResolver clientAddresses, OidcSignInUseCase oidc) {
        this.oidc = oidc;
        this.login = login;
        this.cookies = cookies;
        this.csrf = csrf;
        this.authenticator = authenticator;
        this.firstUser = firstUser;
        this.clientAddresses = clientAddresses;
    }

    @Get(value = "/login", produces = PageResponses.HTML)
    HttpResponse<?> form(HttpRequest<?> request, @Nullable @QueryValue String redirect) {
        String target = safeRedirect(redirect);
        // already signed in (by cookie): go straight on instead of asking again
        boolean signedIn = authenticator.browserSession(request).isPresent();
        if (signedIn) {
            return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", target).header("Cache-Control", "no-store");
        }
        if (!firstUser.firstUserExists()) {
            // a fresh installation: nobody can sign in yet
            return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/setup");
        }
        return render(request, HttpStatus.OK, target, null, "");
    }

    @Post(value = "/login", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> submit(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<FormBody> form = FormBody.parse(body);
        if (form.isEmpty()) {
            return render(request, HttpStatus.BAD_REQUEST, "/", "The form could not be read.", "");
        }
        String redirect = safeRedirect(form.get().single("redirect").orElse(null));
        String email = form.get().single("email").orElse("");
        if (!csrf.valid(request, form.get().single(CsrfTokens.FIELD).orElse(null))) {
            return render(request, HttpStatus.FORBIDDEN, redirect, "Your session form expired. Please try again.", email);
        }
        Result<IssuedApiKey, IdentityError> result = login.login(email, form.get().single("password").orElse(""),
                clientAddresses.resolve(request));
        if (!result.isOk()) {
            HttpStatus status = result.error() instanceof IdentityError.Forbidden ? HttpStatus.FORBIDDEN
                    : result.error() instanceof IdentityError.Throttled ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED;
            return render(request, status, redirect, result.error().message(), email);
        }
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.SEE_OTHER)
                .header("Location", redirect).header("Cache-Control", "no-store");
        cookies.set(response, result.value().plaintext());
        return response;
    }

    private MutableHttpResponse<?> render(HttpRequest<?> request, HttpStatus status, String redirect, String error,
            String email) {
        String token = csrf.tokenFor(request);
        MutableHttpResponse<?> response = PageResponses.page(status, "login", new LoginPage(token, redirect, error, email,
                oidc.providers(), oidc.passwordLogin()));
        csrf.attach(response, token);
        return response;
    }

    /** Only same-origin relative paths: no scheme, no authority, no backslash tricks, no control characters. */
    static String safeRedirect(String redirect) {
        if (redirect == null || redirect.isEmpty() || redirect.length() > 4096 || !redirect.startsWith("/")
                || redirect.startsWith("//") || redirect.startsWith("/\\") || redirect.contains("\\")
                || redirect.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        try {
            URI uri = new URI(redirect);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return "/";
            }
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
        return redirect;
    }
}

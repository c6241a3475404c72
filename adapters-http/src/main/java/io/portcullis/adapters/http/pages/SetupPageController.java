package io.portcullis.adapters.http.pages;

import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.identity.SessionCookies;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.adapters.http.identity.SetupCode;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.application.identity.port.in.CreateFirstUserUseCase;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Result;
import java.util.Optional;

/**
 * First-run setup in the browser: while no user exists, {@code /setup} creates the owner and signs them in, given the
 * setup code printed in the server log ({@link SetupCode}).
 * Once any user exists it is gone (redirect to sign-in), exactly like {@code POST /api/v2/users/first} (409).
 */
@Controller("/setup")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class SetupPageController {
    private final CreateFirstUserUseCase firstUser;
    private final LoginUseCase login;
    private final SessionCookies cookies;
    private final CsrfTokens csrf;
    private final ClientAddressResolver clientAddresses;
    private final SetupCode setupCode;

    public SetupPageController(CreateFirstUserUseCase firstUser, LoginUseCase login, SessionCookies cookies, CsrfTokens csrf,
            ClientAddressResolver clientAddresses, SetupCode setupCode) {
        this.setupCode = setupCode;
        this.firstUser = firstUser;
        this.login = login;
        this.cookies = cookies;
        this.csrf = csrf;
        this.clientAddresses = clientAddresses;
    }

    @Get(produces = PageResponses.HTML)
    HttpResponse<?> form(HttpRequest<?> request) {
        if (firstUser.firstUserExists()) {
            return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/login");
        }
        return render(request, HttpStatus.OK, null, "", "");
    }

    @Post(produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> submit(HttpRequest<?> request, @Nullable @Body String body) {
        if (firstUser.firstUserExists()) {
            return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/login");
        }
        Optional<FormBody> form = FormBody.parse(body);
        if (form.isEmpty() || !csrf.valid(request, form.get().single(CsrfTokens.FIELD).orElse(null))) {
            return render(request, HttpStatus.FORBIDDEN, "This form expired. Please try again.", "", "");
        }
        String email = form.get().single("email").orElse("");
        String username = form.get().single("username").orElse("");
        String password = form.get().single("password").orElse("");
        if (!setupCode.matches(form.get().single(SetupCode.FIELD).orElse(null))) {
            return render(request, HttpStatus.FORBIDDEN, "The setup code is wrong. It is printed in the server log at first"
                    + " start.", email, username);
        }
        Result<User, IdentityError> created;
        try {
            created = firstUser.createFirst(CreateUserCommand.of(email, username, password), clientAddresses.resolve(request));
        } catch (DomainValidationException e) {
            return render(request, HttpStatus.BAD_REQUEST, e.field() + ": " + e.getMessage(), email, username);
        }
        if (!created.isOk()) {
            return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/login");
        }
        Result<IssuedApiKey, IdentityError> session = login.login(email, password, clientAddresses.resolve(request));
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/")
                .header("Cache-Control", "no-store");
        if (session.isOk()) {
            cookies.set(response, session.value().plaintext());
        }
        return response;
    }

    private MutableHttpResponse<?> render(HttpRequest<?> request, HttpStatus status, String error, String email,
            String username) {
        String token = csrf.tokenFor(request);
        MutableHttpResponse<?> response = PageResponses.page(status, "setup", new SetupPage(token, error, email, username));
        csrf.attach(response, token);
        return response;
    }
}

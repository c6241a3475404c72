package io.portcullis.adapters.http.oauth;

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
import io.portcullis.adapters.http.pages.CsrfTokens;
import io.portcullis.adapters.http.pages.PageResponses;
import io.portcullis.adapters.http.security.ProtectedResources;
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase;
import io.portcullis.application.oauth.port.in.FindRegisteredResourceUseCase;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizationRequest;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizeRefusal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.ValidatedAuthorization;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.RedirectUri;
import io.portcullis.domain.shared.Result;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization endpoint (RFC 6749 §4.1.1): GET shows the consent page (or sends the browser to sign in),
 * POST carries the user's decision with a CSRF token. Every answer to the client carries {@code iss} (RFC 9207).
 */
@Controller("/oauth2/authorize")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class AuthorizeController {
    static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope", "state", "resource",
            "code_challenge", "code_challenge_method");
    private final AuthorizeUseCase authorize;
    private final RequestAuthenticator authenticator;
    private final CsrfTokens csrf;
    private final ServerUrls urls;
    private final ProtectedResources resources;
    private final FindRegisteredResourceUseCase registered;

    private final ClientAddressResolver clientAddresses;

    public AuthorizeController(AuthorizeUseCase authorize, RequestAuthenticator authenticator, CsrfTokens csrf, ServerUrls urls,
            ProtectedResources resources, FindRegisteredResourceUseCase registered, ClientAddressResolver clientAddresses) {
        this.clientAddresses = clientAddresses;
        this.registered = registered;
        this.authorize = authorize;
        this.authenticator = authenticator;
        this.csrf = csrf;
        this.urls = urls;
        this.resources = resources;
    }

    @Get(produces = PageResponses.HTML)
    HttpResponse<?> show(HttpRequest<?> request) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> params.put(name, values));
        Result<ValidatedAuthorization, AuthorizeRefusal> validated = authorize.validate(toRequest(FormBody.of(params)));
        if (!validated.isOk()) {
            return refuse(validated.error());
        }
        Optional<Principal> principal = authenticator.optional(request);
        if (principal.isEmpty()) {
            String back = request.getUri().getRawPath() + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
            return HttpResponse.<String>status(HttpStatus.SEE_OTHER)
                    .header("Location", "/login?redirect=" + URLEncoder.encode(back, StandardCharsets.UTF_8))
                    .header("Cache-Control", "no-store");
        }
        return consent(request, validated.value(), principal.get(), FormBody.of(params));
    }

    @Post(produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<FormBody> form = FormBody.parse(body);
        if (form.isEmpty()) {
            return PageResponses.error(HttpStatus.BAD_REQUEST, "Bad request", "The form could not be read.");
        }
        Result<ValidatedAuthorization, AuthorizeRefusal> validated = authorize.validate(toRequest(form.get()));
        if (!validated.isOk()) {
            return refuse(validated.error());
        }
        if (!csrf.valid(request, form.get().single(CsrfTokens.FIELD).orElse(null))) {
            return PageResponses.error(HttpStatus.FORBIDDEN, "Request expired",
                    "This consent form is no longer valid. Go back to the application and start again.");
        }
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty()) {
            return PageResponses.error(HttpStatus.UNAUTHORIZED, "Not signed in", "Sign in again, then retry from the application.");
        }
        ValidatedAuthorization authorization = validated.value();
        if (!"allow".equals(form.get().single("action").orElse(null))) {
            authorize.deny(authorization, principal.get().user().id(), clientAddresses.resolve(request));
            return redirect(authorization.redirectUri(), OAuthResponses.redirectParameters(
                    new OAuthError.AccessDenied("the user denied the request")), authorization.state());
        }
        String code = authorize.approve(authorization, principal.get().user().id(), clientAddresses.resolve(request));
        return redirect(authorization.redirectUri(), Map.of("code", code), authorization.state());
    }

    private static AuthorizationRequest toRequest(FormBody form) {
        Optional<String> repeated = form.repeated().filter(PARAMETERS::contains);
        return new AuthorizationRequest(form.single("response_type").orElse(null), form.single("client_id").orElse(null),
                form.single("redirect_uri").orElse(null), form.single("scope").orElse(null), form.single("state").orElse(null),
                form.single("resource").orElse(null), form.single("code_challenge").orElse(null),
                form.single("code_challenge_method").orElse(null), repeated);
    }

    private MutableHttpResponse<?> refuse(AuthorizeRefusal refusal) {
        if (refusal instanceof AuthorizeRefusal.ToClient toClient) {
            return redirect(toClient.redirectUri(), OAuthResponses.redirectParameters(toClient.error()), toClient.state());
        }
        return PageResponses.error(HttpStatus.BAD_REQUEST, "This request cannot be completed",
                ((AuthorizeRefusal.Untrusted) refusal).message() + " For your safety you have not been redirected.");
    }

    private MutableHttpResponse<String> redirect(String redirectUri, Map<String, String> params, String state) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("state", state);
        all.put("iss", urls.issuer());
        return HttpResponse.<String>status(HttpStatus.FOUND).header("Location", OAuthResponses.withQuery(redirectUri, all))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }

    private MutableHttpResponse<?> consent(HttpRequest<?> request, ValidatedAuthorization a, Principal principal,
            FormBody params) {
        String token = csrf.tokenFor(request);
        List<ConsentPage.Field> echoed = PARAMETERS.stream()
                .flatMap(name -> params.single(name).map(v -> new ConsentPage.Field(name, v)).stream()).toList();
        boolean api = a.resource().equals(urls.apiResource());
        ConsentPage page = ConsentPage.of(a, principal, token, echoed, api,
                api ? null : resources.nameOf(a.resource().path()).orElse(null), registered.find(a.resource()));
        MutableHttpResponse<?> response = PageResponses.page(HttpStatus.OK, "consent", page,
                new RedirectUri(a.redirectUri()).cspSource());
        csrf.attach(response, token);
        return response;
    }
}

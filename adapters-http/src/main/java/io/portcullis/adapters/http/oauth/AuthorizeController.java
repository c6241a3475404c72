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
import io.portcullis.adapters.http.pages.Html;
import io.portcullis.adapters.http.security.ProtectedResources;
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizationRequest;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizeRefusal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.ValidatedAuthorization;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthErrorCode;
import io.portcullis.domain.oauth.RedirectUri;
import io.portcullis.domain.shared.Result;
import java.net.URI;
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

    public AuthorizeController(AuthorizeUseCase authorize, RequestAuthenticator authenticator, CsrfTokens csrf, ServerUrls urls,
            ProtectedResources resources) {
        this.authorize = authorize;
        this.authenticator = authenticator;
        this.csrf = csrf;
        this.urls = urls;
        this.resources = resources;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> show(HttpRequest<?> request) {
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

    @Post(produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> decide(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<FormBody> form = FormBody.parse(body);
        if (form.isEmpty()) {
            return Html.error(HttpStatus.BAD_REQUEST, "Bad request", "The form could not be read.");
        }
        Result<ValidatedAuthorization, AuthorizeRefusal> validated = authorize.validate(toRequest(form.get()));
        if (!validated.isOk()) {
            return refuse(validated.error());
        }
        if (!csrf.valid(request, form.get().single(CsrfTokens.FIELD).orElse(null))) {
            return Html.error(HttpStatus.FORBIDDEN, "Request expired",
                    "This consent form is no longer valid. Go back to the application and start again.");
        }
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty()) {
            return Html.error(HttpStatus.UNAUTHORIZED, "Not signed in", "Sign in again, then retry from the application.");
        }
        ValidatedAuthorization authorization = validated.value();
        if (!"allow".equals(form.get().single("action").orElse(null))) {
            return redirect(authorization.redirectUri(), Map.of("error", OAuthErrorCode.ACCESS_DENIED.wire(),
                    "error_description", "the user denied the request"), authorization.state());
        }
        String code = authorize.approve(authorization, principal.get().user().id());
        return redirect(authorization.redirectUri(), Map.of("code", code), authorization.state());
    }

    private static AuthorizationRequest toRequest(FormBody form) {
        Optional<String> repeated = form.repeated().filter(PARAMETERS::contains);
        return new AuthorizationRequest(form.single("response_type").orElse(null), form.single("client_id").orElse(null),
                form.single("redirect_uri").orElse(null), form.single("scope").orElse(null), form.single("state").orElse(null),
                form.single("resource").orElse(null), form.single("code_challenge").orElse(null),
                form.single("code_challenge_method").orElse(null), repeated);
    }

    private MutableHttpResponse<String> refuse(AuthorizeRefusal refusal) {
        if (refusal instanceof AuthorizeRefusal.ToClient toClient) {
            OAuthError error = toClient.error();
            Map<String, String> params = new LinkedHashMap<>();
            params.put("error", error.code().wire());
            params.put("error_description", error.description());
            return redirect(toClient.redirectUri(), params, toClient.state());
        }
        return Html.error(HttpStatus.BAD_REQUEST, "This request cannot be completed",
                ((AuthorizeRefusal.Untrusted) refusal).message() + " For your safety you have not been redirected.");
    }

    private MutableHttpResponse<String> redirect(String redirectUri, Map<String, String> params, String state) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("state", state);
        all.put("iss", urls.issuer());
        return HttpResponse.<String>status(HttpStatus.FOUND).header("Location", OAuthResponses.withQuery(redirectUri, all))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }

    private MutableHttpResponse<String> consent(HttpRequest<?> request, ValidatedAuthorization a, Principal principal,
            FormBody params) {
        String token = csrf.tokenFor(request);
        String appName = a.client().metadata().displayName();
        String redirectHost = hostOf(a.redirectUri());
        StringBuilder hidden = new StringBuilder(CsrfTokens.hiddenField(token));
        for (String name : PARAMETERS) {
            params.single(name).ifPresent(v -> hidden.append("<input type=\"hidden\" name=\"").append(name)
                    .append("\" value=\"").append(Html.escape(v)).append("\">"));
        }
        StringBuilder scopes = new StringBuilder("<ul class=\"scopes\">");
        for (String s : a.scope().values()) {
            scopes.append("<li>").append(Html.escape(describe(s))).append(" <span class=\"muted\">(")
                    .append(Html.escape(s)).append(")</span></li>");
        }
        scopes.append("</ul>");
        String body = "<h1>Authorize " + Html.escape(appName) + "?</h1>"
                + "<p><strong>" + Html.escape(appName) + "</strong> wants to act as <strong>"
                + Html.escape(principal.user().username().value()) + "</strong> ("
                + Html.escape(principal.user().email().value()) + ").</p>"
                + "<p>It will be able to:</p>" + scopes
                + "<p class=\"muted\">Access is limited to " + describeResource(a) + ". "
                + "After you decide you will be sent to <strong>" + Html.escape(redirectHost) + "</strong>.</p>"
                + a.client().document().map(d -> "<p class=\"muted\">This application describes itself at <code>"
                        + Html.escape(d.url()) + "</code>.</p>").orElse("")
                + (loopback(a.redirectUri()) ? "<p class=\"warning\">The answer goes to an app on this computer"
                        + " (" + Html.escape(redirectHost) + "). Only allow if you just started this sign-in from an app you trust.</p>" : "")
                + "<form method=\"post\" action=\"/oauth2/authorize\">" + hidden
                + "<div class=\"actions\"><button class=\"secondary\" type=\"submit\" name=\"action\" value=\"deny\">Deny</button>"
                + "<button class=\"primary\" type=\"submit\" name=\"action\" value=\"allow\">Allow</button></div></form>";
        String formAction = new RedirectUri(a.redirectUri()).cspSource();
        MutableHttpResponse<String> response = Html.page(HttpStatus.OK, "Authorize " + appName, body, formAction);
        csrf.attach(response, token);
        return response;
    }

    /** The resource in words: the REST API, or the MCP server published at that path, with its URL. */
    private String describeResource(ValidatedAuthorization a) {
        String what = a.resource().equals(urls.apiResource()) ? "the Portcullis API"
                : resources.nameOf(a.resource().path()).map(n -> "<strong>" + Html.escape(n) + "</strong>").orElse("this resource");
        return what + " (<code>" + Html.escape(a.resource().value()) + "</code>)";
    }

    private static boolean loopback(String redirectUri) {
        String host = URI.create(redirectUri).getHost();
        return host != null && (host.equals("127.0.0.1") || host.equals("[::1]") || host.equalsIgnoreCase("localhost"));
    }

    private static String hostOf(String redirectUri) {
        URI uri = URI.create(redirectUri);
        if (uri.getHost() == null) {
            return uri.getScheme() + ": (an app on this device)";
        }
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    static String describe(String scope) {
        if (scope.equals("all")) {
            return "Do everything you can do in Portcullis";
        }
        Scope s = new Scope(scope);
        String noun = switch (s.resource()) {
            case "user" -> "your user account";
            case "api_key" -> "your API keys";
            case "oauth2_app" -> "OAuth2 applications";
            case "mcp_server" -> "MCP servers";
            default -> "the MCP gateway";
        };
        String verb = switch (s.action()) {
            case "read" -> "Read";
            case "create" -> "Create";
            case "update" -> "Change";
            case "delete" -> "Delete";
            case "use" -> "Use";
            default -> "Fully manage";
        };
        return verb + " " + noun;
    }
}

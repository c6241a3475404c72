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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.identity.SessionCookies;
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ManageGrantsUseCase;
import io.portcullis.application.registry.port.in.DisconnectUpstreamUseCase;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase.ServerView;
import io.portcullis.domain.registry.GatewayPaths;
import io.portcullis.domain.registry.McpServerConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in home page: the user's MCP servers (connect, disconnect, gateway URL), the apps they authorized
 * (revoke), and sign-out. Every form is a POST with the page's CSRF token and the session cookie.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public final class HomePageController {
    private final ViewMcpServersUseCase servers;
    private final DisconnectUpstreamUseCase connections;
    private final ManageGrantsUseCase grants;
    private final LoginUseCase login;
    private final RequestAuthenticator authenticator;
    private final SessionCookies cookies;
    private final CsrfTokens csrf;
    private final ServerUrls urls;

    public HomePageController(ViewMcpServersUseCase servers, DisconnectUpstreamUseCase connections, ManageGrantsUseCase grants,
            LoginUseCase login, RequestAuthenticator authenticator, SessionCookies cookies, CsrfTokens csrf, ServerUrls urls) {
        this.servers = servers;
        this.connections = connections;
        this.grants = grants;
        this.login = login;
        this.authenticator = authenticator;
        this.cookies = cookies;
        this.csrf = csrf;
        this.urls = urls;
    }

    @Get(value = "/", produces = PageResponses.HTML)
    HttpResponse<?> home(HttpRequest<?> request) {
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty()) {
            return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/login?redirect=%2F");
        }
        Principal p = principal.get();
        String token = csrf.tokenFor(request);
        List<HomePage.Server> published = servers.list(p).stream().filter(v -> v.config().enabled()).map(this::server).toList();
        List<HomePage.App> apps = grants.list(p).stream()
                .map(a -> new HomePage.App(URLEncoder.encode(a.client().clientId(), StandardCharsets.UTF_8),
                        a.client().metadata().displayName(), String.join(" ", a.scopes())))
                .toList();
        MutableHttpResponse<?> response = PageResponses.page(HttpStatus.OK, "home", new HomePage(token,
                p.user().username().value(), p.user().email().value(), p.isOwner(), published, apps));
        csrf.attach(response, token);
        return response;
    }

    private HomePage.Server server(ServerView v) {
        McpServerConfig c = v.config();
        HomePage.Connection status = c.authType() != McpServerConfig.AuthType.OAUTH2 ? HomePage.Connection.READY
                : v.authConnected() ? HomePage.Connection.CONNECTED : HomePage.Connection.NOT_CONNECTED;
        return new HomePage.Server(String.valueOf(c.id()), c.displayName(), urls.url(GatewayPaths.PREFIX + c.slug()), status);
    }

    @Post(value = "/account/servers/{id}/disconnect", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> disconnect(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return checked(request, body, p -> connections.disconnect(p, id).isOk());
    }

    @Post(value = "/account/apps/{clientId}/revoke", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String clientId, @Nullable @Body String body) {
        return checked(request, body, p -> grants.revoke(p, clientId).isOk());
    }

    @Post(value = "/logout", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logout(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty() || !csrfOk(request, body)) {
            return PageResponses.error(HttpStatus.FORBIDDEN, "Request expired", "Reload the page and try again.");
        }
        login.logout(principal.get());
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/login");
        cookies.clear(response);
        return response;
    }

    private HttpResponse<?> checked(HttpRequest<?> request, String body, java.util.function.Predicate<Principal> action) {
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty() || !csrfOk(request, body)) {
            return PageResponses.error(HttpStatus.FORBIDDEN, "Request expired", "Reload the page and try again.");
        }
        if (!action.test(principal.get())) {
            return PageResponses.error(HttpStatus.NOT_FOUND, "Nothing to do", "It was already done, or it is not yours.");
        }
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/");
    }

    private boolean csrfOk(HttpRequest<?> request, String body) {
        return FormBody.parse(body).flatMap(f -> f.single(CsrfTokens.FIELD)).map(t -> csrf.valid(request, t)).orElse(false);
    }

}

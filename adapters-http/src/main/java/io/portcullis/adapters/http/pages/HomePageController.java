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
import io.portcullis.application.registry.port.in.ConnectUpstreamUseCase;
import io.portcullis.application.registry.port.in.ManageMcpServersUseCase;
import io.portcullis.application.registry.port.in.ManageMcpServersUseCase.ServerView;
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
    private final ManageMcpServersUseCase servers;
    private final ConnectUpstreamUseCase connect;
    private final ManageGrantsUseCase grants;
    private final LoginUseCase login;
    private final RequestAuthenticator authenticator;
    private final SessionCookies cookies;
    private final CsrfTokens csrf;
    private final ServerUrls urls;

    public HomePageController(ManageMcpServersUseCase servers, ConnectUpstreamUseCase connect, ManageGrantsUseCase grants,
            LoginUseCase login, RequestAuthenticator authenticator, SessionCookies cookies, CsrfTokens csrf, ServerUrls urls) {
        this.servers = servers;
        this.connect = connect;
        this.grants = grants;
        this.login = login;
        this.authenticator = authenticator;
        this.cookies = cookies;
        this.csrf = csrf;
        this.urls = urls;
    }

    @Get(value = "/", produces = MediaType.TEXT_HTML)
    HttpResponse<String> home(HttpRequest<?> request) {
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty()) {
            return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/login?redirect=%2F");
        }
        Principal p = principal.get();
        String token = csrf.tokenFor(request);
        StringBuilder body = new StringBuilder("<h1>Hello, ").append(Html.escape(p.user().username().value())).append("</h1>")
                .append("<p class=\"muted\">Signed in as ").append(Html.escape(p.user().email().value()))
                .append(p.isOwner() ? " (owner)" : "").append(".</p>");
        List<ServerView> list = servers.list(p).stream().filter(v -> v.config().enabled()).toList();
        body.append("<h2>MCP servers</h2>");
        if (list.isEmpty()) {
            body.append("<p class=\"muted\">No MCP servers are published yet.</p>");
        } else {
            body.append("<table>");
            for (ServerView v : list) {
                McpServerConfig c = v.config();
                body.append("<tr><td><strong>").append(Html.escape(c.displayName())).append("</strong><br><span class=\"muted\">")
                        .append(Html.escape(urls.url(GatewayPaths.PREFIX + c.slug()))).append("</span></td><td>");
                if (c.authType() != McpServerConfig.AuthType.OAUTH2) {
                    body.append("<span class=\"ok\">Ready</span>");
                } else if (v.authConnected()) {
                    body.append("<form method=\"post\" action=\"/account/servers/").append(c.id()).append("/disconnect\">")
                            .append(CsrfTokens.hiddenField(token)).append("<span class=\"ok\">Connected</span> ")
                            .append("<button class=\"secondary\" type=\"submit\">Disconnect</button></form>");
                } else {
                    body.append("<span class=\"off\">Not connected</span> <a class=\"button primary\" href=\"/api/v2/mcp/servers/")
                            .append(c.id()).append("/oauth2/connect\">Connect</a>");
                }
                body.append("</td></tr>");
            }
            body.append("</table>");
        }
        List<ManageGrantsUseCase.AuthorizedClient> apps = grants.list(p);
        body.append("<h2>Apps you authorized</h2>");
        if (apps.isEmpty()) {
            body.append("<p class=\"muted\">None.</p>");
        } else {
            body.append("<table>");
            for (ManageGrantsUseCase.AuthorizedClient a : apps) {
                body.append("<tr><td><strong>").append(Html.escape(a.client().metadata().displayName()))
                        .append("</strong><br><span class=\"muted\">").append(Html.escape(String.join(" ", a.scopes())))
                        .append("</span></td><td><form method=\"post\" action=\"/account/apps/")
                        .append(URLEncoder.encode(a.client().clientId(), StandardCharsets.UTF_8)).append("/revoke\">")
                        .append(CsrfTokens.hiddenField(token)).append("<button class=\"secondary\" type=\"submit\">Revoke</button>")
                        .append("</form></td></tr>");
            }
            body.append("</table>");
        }
        body.append("<form method=\"post\" action=\"/logout\">").append(CsrfTokens.hiddenField(token))
                .append("<div class=\"actions\"><button class=\"secondary\" type=\"submit\">Sign out</button></div></form>");
        MutableHttpResponse<String> response = Html.page(HttpStatus.OK, "Home", body.toString(), null, "card wide");
        csrf.attach(response, token);
        return response;
    }

    @Post(value = "/account/servers/{id}/disconnect", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> disconnect(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return checked(request, body, p -> connect.disconnect(p, id).isOk());
    }

    @Post(value = "/account/apps/{clientId}/revoke", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> revoke(HttpRequest<?> request, @PathVariable String clientId, @Nullable @Body String body) {
        return checked(request, body, p -> grants.revoke(p, clientId).isOk());
    }

    @Post(value = "/logout", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> logout(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty() || !csrfOk(request, body)) {
            return Html.error(HttpStatus.FORBIDDEN, "Request expired", "Reload the page and try again.");
        }
        login.logout(principal.get());
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/login");
        cookies.clear(response);
        return response;
    }

    private HttpResponse<String> checked(HttpRequest<?> request, String body, java.util.function.Predicate<Principal> action) {
        Optional<Principal> principal = authenticator.browserSession(request);
        if (principal.isEmpty() || !csrfOk(request, body)) {
            return Html.error(HttpStatus.FORBIDDEN, "Request expired", "Reload the page and try again.");
        }
        if (!action.test(principal.get())) {
            return Html.error(HttpStatus.NOT_FOUND, "Nothing to do", "It was already done, or it is not yours.");
        }
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", "/");
    }

    private boolean csrfOk(HttpRequest<?> request, String body) {
        return FormBody.parse(body).flatMap(f -> f.single(CsrfTokens.FIELD)).map(t -> csrf.valid(request, t)).orElse(false);
    }

}

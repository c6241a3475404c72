package io.portcullis.adapters.http.pages;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;
import io.micronaut.views.turbo.TurboStreamRenderer;
import io.portcullis.adapters.http.shared.Paths;
import jakarta.inject.Inject;

/**
 * micronaut-views' rendering filter, limited to the routes that answer pages ({@link #rendersPages}). Enabled for
 * every request it wraps every response — the REST API, the token endpoint, the gateway — in a reactive pipeline only
 * to find that the body is not a view; measured with bench/run.sh that cost about a third of {@code GET /healthz}'s
 * throughput. A route producing {@code text/html} outside these paths fails {@code PageAssetsIT}. Registered for every
 * path and enabled for these ({@link Paths} says why).
 */
@Replaces(ViewsFilter.class)
@Filter(Filter.MATCH_ALL_PATTERN)
public class PagesViewsFilter extends ViewsFilter implements ConditionalFilter {
    private static final String SERVERS = "/api/v2/mcp/servers/";

    @Inject
    public PagesViewsFilter(ViewsResolver resolver, ViewsRendererLocator renderers, ViewsModelDecorator decorator,
            TurboStreamRenderer streams, TurboFrameRenderer frames) {
        super(resolver, renderers, decorator, streams, frames);
    }

    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return rendersPages(request.getPath());
    }

    /**
     * The paths of the pages: {@code /}, sign-in (with the OIDC callback below {@code /login/oidc}), setup, sign-out,
     * the account and admin pages, the consent page, and an MCP server's connect start and callback.
     */
    public static boolean rendersPages(String path) {
        return path.equals("/") || path.equals("/login") || path.equals("/setup") || path.equals("/logout")
                || path.equals("/oauth2/authorize") || Paths.within(path, "/login/oidc") || Paths.within(path, "/account")
                || Paths.within(path, "/admin") || connectPage(path);
    }

    /** {@code /api/v2/mcp/servers/<id>/oauth2/connect} or {@code …/oauth2/callback}. */
    private static boolean connectPage(String path) {
        if (!path.startsWith(SERVERS)) {
            return false;
        }
        int slash = path.indexOf('/', SERVERS.length());
        if (slash < 0) {
            return false;
        }
        String rest = path.substring(slash);
        return rest.equals("/oauth2/connect") || rest.equals("/oauth2/callback");
    }
}

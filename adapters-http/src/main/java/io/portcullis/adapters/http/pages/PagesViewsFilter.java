package io.portcullis.adapters.http.pages;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;
import io.micronaut.views.turbo.TurboStreamRenderer;
import jakarta.inject.Inject;

/**
 * micronaut-views' rendering filter, limited to the routes that answer pages. Registered for {@code /**} it wraps
 * every response — the REST API, the token endpoint, the gateway — in a reactive pipeline only to find that the body
 * is not a view; measured with bench/run.sh that cost about a third of {@code GET /healthz}'s throughput. A route
 * producing {@code text/html} outside these paths fails {@code PageAssetsIT}. One regular expression (compiled once)
 * rather than a list of Ant patterns, which Micronaut would tokenize against every request's path.
 */
@Replaces(ViewsFilter.class)
@Filter(patterns = "/|/login|/login/oidc(/.*)?|/setup|/logout|/account(/.*)?|/oauth2/authorize"
        + "|/api/v2/mcp/servers/[^/]*/oauth2/(callback|connect)|/admin(/.*)?", patternStyle = FilterPatternStyle.REGEX)
public class PagesViewsFilter extends ViewsFilter {
    @Inject
    public PagesViewsFilter(ViewsResolver resolver, ViewsRendererLocator renderers, ViewsModelDecorator decorator,
            TurboStreamRenderer streams, TurboFrameRenderer frames) {
        super(resolver, renderers, decorator, streams, frames);
    }
}

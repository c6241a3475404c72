package io.portcullis.adapters.http.shared;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteMatch;

/**
 * The route a request matched, read untyped from its attributes: {@code RouteAttributes.getRouteMatch} asks for the
 * attribute as a {@code RouteMatch}, which sends the read through the conversion service, and several filters and
 * handlers read it on every request.
 */
public final class MatchedRoute {
    @SuppressWarnings("removal") // the attribute's name; RouteAttributes stores the match under it
    private static final String ATTRIBUTE = HttpAttributes.ROUTE_MATCH.toString();

    private MatchedRoute() {
    }

    /** The matched route, or null when the request matched none (yet). */
    @Nullable
    public static RouteMatch<?> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE).orElse(null) instanceof RouteMatch<?> match ? match : null;
    }
}

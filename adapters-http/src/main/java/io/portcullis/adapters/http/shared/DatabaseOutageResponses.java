package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.web.router.RouteAttributes;
import io.portcullis.adapters.http.pages.BrowserErrorPages;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that needed the database while it could not be reached (PRODUCT §12): 503 with {@code Retry-After}, in
 * the endpoint's own error format — RFC 6749 JSON on the OAuth endpoints, an HTML page on page routes, the REST shape
 * everywhere else. Recognised by the JDBC failure at the root, so no use case needs to know about outages.
 */
public final class DatabaseOutageResponses {
    /** Seconds a client should wait before retrying: about what a probe of the database takes to notice recovery. */
    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOutageResponses() {
    }

    /**
     * True when {@code failure} comes from a database that could not be reached: no connection (SQLSTATE class 08,
     * or the pool gave up waiting for one), or a server shutting down or starting up (57P01–57P03).
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    public static MutableHttpResponse<?> of(HttpRequest<?> request) {
        MutableHttpResponse<?> response;
        String path = request.getPath();
        if (path.startsWith("/oauth2/") && !servesPage(request)) {
            Map<String, String> oauth = new LinkedHashMap<>();
            oauth.put("error", "temporarily_unavailable");
            oauth.put("error_description", "The authorization server cannot reach its database; retry shortly.");
            response = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(oauth).header("Cache-Control", "no-store");
        } else if (servesPage(request)) {
            response = page();
        } else {
            response = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError(
                    "The service is temporarily unavailable.", "The database cannot be reached; retry shortly."));
        }
        return response.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }

    /** The error page (rendered from its template with every page's headers: CSP, framing, caching). */
    private static MutableHttpResponse<?> page() {
        return BrowserErrorPages.render(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE), HttpStatus.SERVICE_UNAVAILABLE,
                null);
    }

    private static boolean servesPage(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request).map(route -> route.getProduces().stream()
                .anyMatch(type -> "text/html".equals(type.getName()))).orElse(false);
    }
}

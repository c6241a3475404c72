package io.portcullis.adapters.http.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.portcullis.adapters.http.shared.Paths;
import org.reactivestreams.Publisher;

/**
 * CORS (PRODUCT §4): the OAuth endpoints, well-known documents and the MCP gateway answer any origin, without
 * credentials, so browser-based MCP clients can discover and use them; the REST API allows none. Enabled only for
 * cross-origin requests to those paths ({@link #isEnabled}; registered for every path, see {@link Paths}): every other
 * request — {@code /healthz}, the REST API, and any request naming no {@code Origin} (every client but a browser: MCP
 * clients, SDKs, curl) — is left out of the chain instead of entering this reactive filter only to be passed on: a
 * reactive filter in the chain costs every request behind it the adaptation to reactive streams.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public final class CorsFilter implements HttpServerFilter, ConditionalFilter {
    private static final String METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID";

    /** OAuth endpoints, discovery documents and the MCP gateway; never the REST API. */
    static boolean open(String path) {
        return path.startsWith("/oauth2/") || path.startsWith("/.well-known/") || Paths.within(path, ProtectedResources.AGGREGATE);
    }

    /** Only cross-origin requests (those naming an {@code Origin}) to the open paths get CORS answers. */
    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return open(request.getPath()) && request.getHeaders().contains("Origin");
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String path = request.getPath();
        boolean cors = request.getHeaders().contains("Origin") && open(path);
        if (cors && request.getMethod() == HttpMethod.OPTIONS
                && request.getHeaders().contains("Access-Control-Request-Method")) {
            MutableHttpResponse<?> preflight = HttpResponse.noContent()
                    .header("Access-Control-Allow-Origin", "*")
                    .header("Access-Control-Allow-Methods", METHODS)
                    .header("Access-Control-Allow-Headers", HEADERS)
                    .header("Access-Control-Max-Age", "600");
            return Publishers.just(preflight);
        }
        if (!cors) {
            return chain.proceed(request);
        }
        return Publishers.map(chain.proceed(request), response -> response.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", "WWW-Authenticate, Mcp-Session-Id"));
    }
}

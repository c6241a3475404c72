package io.portcullis.adapters.http.oauth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ConditionalFilter;
import io.portcullis.adapters.http.shared.Paths;

/**
 * Makes the JWK Set cacheable. It is served by micronaut-security-jwt's {@code KeysController} (mounted at this path in
 * application.yml), which sets no caching header; a short public cache lets resource servers pick up a rotated key well
 * within the activation delay. Registered for every path and enabled for this one ({@link Paths} says why).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class JwksCacheControl implements ConditionalFilter {
    static final String CACHE_CONTROL = "public, max-age=300";
    private static final String PATH = "/.well-known/jwks.json";

    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return request.getPath().equals(PATH);
    }

    @ResponseFilter
    void cacheable(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if ((request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)
                && response.status() == HttpStatus.OK) {
            response.header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
    }
}

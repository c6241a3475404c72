package io.portcullis.adapters.http.oauth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Makes the JWK Set cacheable. It is served by micronaut-security-jwt's {@code KeysController} (mounted at this path in
 * application.yml), which sets no caching header; a short public cache lets resource servers pick up a rotated key well
 * within the activation delay.
 */
@ServerFilter("/.well-known/jwks.json")
public final class JwksCacheControl {
    static final String CACHE_CONTROL = "public, max-age=300";

    @ResponseFilter
    void cacheable(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if ((request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)
                && response.status() == HttpStatus.OK) {
            response.header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
    }
}

package io.portcullis.adapters.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Inject;
import java.util.Collection;
import org.reactivestreams.Publisher;

/**
 * Micronaut Security's filter, except that a route declaring only {@code @Secured(isAnonymous())} — the token
 * endpoint, authorize, the pages, metadata, health — is passed straight on: no rule could refuse it, and running the
 * fetchers and rules through the reactive pipeline cost about a fifth of {@code GET /healthz}'s throughput
 * (bench/run.sh). Every other request, including those matching no route or a management endpoint, is decided by
 * the full filter as before.
 */
@Replaces(SecurityFilter.class)
@Filter("${micronaut.security.filter.pattern:/**}")
public class AnonymousRoutesSecurityFilter extends SecurityFilter {
    private final ProtectedRoutes routes;

    @Inject
    public AnonymousRoutesSecurityFilter(Collection<SecurityRule<HttpRequest<?>>> securityRules,
            Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
            SecurityConfiguration securityConfiguration, ProtectedRoutes routes) {
        super(securityRules, authenticationFetchers, securityConfiguration);
        this.routes = routes;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (routes.isAnonymous(request)) {
            return chain.proceed(request);
        }
        return super.doFilter(request, chain);
    }
}

package io.portcullis.adapters.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.BeanContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.IpPatternsRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Micronaut Security's filter, with two short cuts taken on the calling thread instead of the reactive pipeline:
 * <ul>
 * <li>a route declaring only {@code @Secured(isAnonymous())} — the token endpoint, authorize, the pages, metadata,
 * health — is passed straight on: no rule could refuse it, and running the fetchers and rules through the reactive
 * pipeline cost about a fifth of {@code GET /healthz}'s throughput (bench/run.sh). The filter reports itself disabled
 * for such a request ({@link ConditionalFilter}), so Micronaut leaves it out of the chain instead of adapting its
 * reactive {@code doFilter} only to pass the request on;</li>
 * <li>a route declaring {@link RequiresScope} whose credential can be judged from memory (none, malformed, or
 * validated recently: {@link CredentialAuthenticationFetcher#decideInMemory}) is decided by {@link ScopeRule} exactly
 * as the full filter would — that rule is the first to decide such routes, since it always allows or rejects them —
 * and the request goes on or is rejected with the same attributes and the same {@link AuthorizationException}.</li>
 * </ul>
 * The second short cut is taken only while the rules and fetchers are the ones it stands for: {@link
 * CredentialAuthenticationFetcher} the only fetcher that could authenticate (micronaut-security's token fetcher with no
 * token reader finds nothing to authenticate), and no rule ahead of {@link ScopeRule} but an
 * {@link IpPatternsRule} without patterns (which answers UNKNOWN to everything) and {@link MetricsAccessRule}, whose
 * one route ({@code /metrics}) always goes through the full filter. Every other request, including
 * those matching no route or a management endpoint, and those whose credential must be read from the database, is
 * decided by the full filter as before.
 */
@Replaces(SecurityFilter.class)
@Filter("${micronaut.security.filter.pattern:/**}")
public class AnonymousRoutesSecurityFilter extends SecurityFilter implements ConditionalFilter {
    private final ProtectedRoutes routes;
    private final CredentialAuthenticationFetcher fetcher;
    private final ScopeRule scopeRule;
    private final boolean scopeRuleDecidesFirst;

    @Inject
    public AnonymousRoutesSecurityFilter(Collection<SecurityRule<HttpRequest<?>>> securityRules,
            Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
            SecurityConfiguration securityConfiguration, ProtectedRoutes routes, CredentialAuthenticationFetcher fetcher,
            ScopeRule scopeRule, BeanContext beans) {
        super(securityRules, authenticationFetchers, securityConfiguration);
        this.routes = routes;
        this.fetcher = fetcher;
        this.scopeRule = scopeRule;
        this.scopeRuleDecidesFirst = scopeRuleDecidesFirst(securityRules, authenticationFetchers, securityConfiguration,
                beans.getBeansOfType(TokenReader.class).isEmpty());
    }

    /**
     * {@code noTokenReaders}: micronaut-security's own {@link TokenAuthenticationFetcher} (a bean whenever the library
     * is present) then finds no token in any request, so it can never authenticate one and ours decides alone.
     */
    static boolean scopeRuleDecidesFirst(Collection<SecurityRule<HttpRequest<?>>> rules,
            Collection<AuthenticationFetcher<HttpRequest<?>>> fetchers, SecurityConfiguration configuration, boolean noTokenReaders) {
        boolean onlyOurFetcher = fetchers.stream().filter(f -> f instanceof CredentialAuthenticationFetcher).count() == 1
                && fetchers.stream().allMatch(f -> f instanceof CredentialAuthenticationFetcher
                        || (f.getClass() == TokenAuthenticationFetcher.class && noTokenReaders));
        boolean scopeRulePresent = rules.stream().anyMatch(r -> r instanceof ScopeRule);
        boolean nothingAhead = rules.stream()
                .filter(r -> !(r instanceof ScopeRule) && r.getOrder() <= ScopeRule.ORDER)
                .allMatch(r -> r.getClass() == MetricsAccessRule.class
                        || (r.getClass() == IpPatternsRule.class && configuration.getIpPatterns().isEmpty()));
        return onlyOurFetcher && scopeRulePresent && nothingAhead;
    }

    /** Whether {@link RequiresScope} routes with a credential known from memory skip the reactive pipeline. */
    public boolean decidesScopesInMemory() {
        return scopeRuleDecidesFirst;
    }

    /**
     * False — the filter is left out of the chain — for a route declaring only {@code @Secured(isAnonymous())} (nothing
     * to decide), and for a {@link RequiresScope} request that the in-memory short cut <em>allows</em>: its outcome is
     * recorded on the request here, exactly as {@link #decide} records it, and the request goes on without entering
     * this reactive filter (which cost an allowed {@code GET /api/v2/users/me} about a tenth of its CPU time, bench/run.sh
     * row b). Micronaut asks this once per request, on the thread that matched the route, after matching and before
     * any filter of the chain runs. Every other request, refusals included, runs {@link #doFilter}.
     */
    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        if (routes.isAnonymous(request)) {
            return false;
        }
        Optional<CredentialAuthenticationFetcher.Decided> decided = decidedInMemory(request);
        Authentication authentication = decided.map(CredentialAuthenticationFetcher.Decided::authentication).orElse(null);
        if (authentication != null && scopeRule.decide(request, authentication) == SecurityRuleResult.ALLOWED) {
            record(request, authentication);
            return false;
        }
        // not allowed from memory: doFilter decides afresh, with nothing left behind by this look
        request.getAttributes().remove(CredentialAuthenticationFetcher.FAILURE);
        return true;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (routes.isAnonymous(request)) {
            return chain.proceed(request);
        }
        Optional<CredentialAuthenticationFetcher.Decided> decided = decidedInMemory(request);
        if (decided.isPresent()) {
            return decide(request, chain, decided.get().authentication());
        }
        return super.doFilter(request, chain);
    }

    /** The outcome of the in-memory short cut, when it applies to this request (see the class comment). */
    private Optional<CredentialAuthenticationFetcher.Decided> decidedInMemory(HttpRequest<?> request) {
        if (!scopeRuleDecidesFirst || MetricsAccessRule.concerns(request)) {
            return Optional.empty();
        }
        Optional<ProtectedRoutes.Protection> protection = routes.of(request);
        if (protection.isEmpty() || protection.get().scope() == null) {
            return Optional.empty();
        }
        return fetcher.decideInMemory(request, protection.get());
    }

    /** What {@link SecurityFilter} does when {@link ScopeRule} is the first rule to allow or reject. */
    private Publisher<MutableHttpResponse<?>> decide(HttpRequest<?> request, ServerFilterChain chain,
            @Nullable Authentication authentication) {
        record(request, authentication);
        if (scopeRule.decide(request, authentication) == SecurityRuleResult.ALLOWED) {
            return chain.proceed(request);
        }
        request.setAttribute(REJECTION, authentication != null ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
        return Publishers.just(new AuthorizationException(authentication));
    }

    /** Records the authentication on the request as {@link SecurityFilter} does. */
    private static void record(HttpRequest<?> request, @Nullable Authentication authentication) {
        request.getAttributes().put(KEY, true);
        request.setAttribute(AUTHENTICATION, authentication);
    }
}

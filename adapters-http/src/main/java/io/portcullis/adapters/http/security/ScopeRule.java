package io.portcullis.adapters.http.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.identity.Scope;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Decides routes declaring {@link RequiresScope}: allowed when the caller authenticated and the key's scopes
 * permit the declared one; otherwise rejected, recording {@code insufficient_scope} when the scope is what failed.
 * A client acting for itself (client_credentials) is refused with a plain 403 on every protected route that does not
 * admit clients ({@link RequiresScope#clients()}): least privilege, nothing that needs a user.
 * Routes without the annotation are left to {@link SecuredAnnotationRule}.
 */
@Singleton
public final class ScopeRule implements SecurityRule<HttpRequest<?>> {
    public static final int ORDER = SecuredAnnotationRule.ORDER - 50;
    private final ProtectedRoutes routes;

    public ScopeRule(ProtectedRoutes routes) {
        this.routes = routes;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        return Publishers.just(request == null ? SecurityRuleResult.UNKNOWN : decide(request, authentication));
    }

    /** {@link #check}, answered on the calling thread. */
    SecurityRuleResult decide(HttpRequest<?> request, @Nullable Authentication authentication) {
        Optional<ProtectedRoutes.Protection> protection = routes.of(request);
        if (protection.isEmpty()) {
            return SecurityRuleResult.UNKNOWN;
        }
        if (authentication instanceof PrincipalAuthentication client && client.principal().isClient()
                && !protection.get().clients()) {
            request.setAttribute(CredentialAuthenticationFetcher.FAILURE, new AuthenticationFailure.Forbidden(
                    "this request acts for a user, and a client_credentials token acts for its client alone; such a token"
                            + " may read OAuth2 apps, registered resources and metrics (with the scope they need)"));
            return SecurityRuleResult.REJECTED;
        }
        Optional<Scope> needed = protection.map(ProtectedRoutes.Protection::scope);
        if (needed.isEmpty()) {
            return SecurityRuleResult.UNKNOWN;
        }
        if (!(authentication instanceof PrincipalAuthentication caller)) {
            return SecurityRuleResult.REJECTED;
        }
        if (!caller.principal().hasScope(needed.get())) {
            request.setAttribute(CredentialAuthenticationFetcher.FAILURE,
                    new AuthenticationFailure.InsufficientScope(needed.get().value()));
            return SecurityRuleResult.REJECTED;
        }
        return SecurityRuleResult.ALLOWED;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

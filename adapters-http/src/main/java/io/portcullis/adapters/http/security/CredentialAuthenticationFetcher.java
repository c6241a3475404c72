package io.portcullis.adapters.http.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * Authenticates the credential of a request to a protected route (see {@link ProtectedRoutes}) through the
 * {@code AuthenticateRequest} use case, for the resource the route declares. Success yields a
 * {@link PrincipalAuthentication}; a refusal is recorded on the request so the rejection says exactly what was
 * wrong. Anonymous routes are not looked at, so they cost no lookup.
 */
@Singleton
public final class CredentialAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    /** Request attribute: the {@link AuthenticationFailure} that refused the credential. */
    public static final String FAILURE = "portcullis.security.failure";
    /** Request attribute: the {@link ResourceUri} the request addressed. */
    public static final String RESOURCE = "portcullis.security.resource";
    private final RequestAuthenticator authenticator;
    private final ProtectedRoutes routes;
    private final ExecutorService blocking;

    /**
     * Filters run on the event loop; the key lookup is JDBC, so it runs on the pool handlers use, and the handler
     * then continues on the same worker ({@link ContinuingExecutorSelector}).
     */
    public CredentialAuthenticationFetcher(RequestAuthenticator authenticator, ProtectedRoutes routes,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.authenticator = authenticator;
        this.routes = routes;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<ProtectedRoutes.Protection> protection = routes.of(request);
        if (protection.isEmpty()) {
            return Publishers.empty();
        }
        ResourceUri resource = routes.resource(request, protection.get());
        request.setAttribute(RESOURCE, resource);
        Optional<Decided> decided = decideInMemory(request, resource);
        if (decided.isPresent()) {
            // no credential, a malformed one or one validated recently: answer on this thread
            Authentication known = decided.get().authentication();
            return known == null ? Publishers.empty() : Publishers.just(known);
        }
        CompletableFuture<Authentication> authenticated = new CompletableFuture<>();
        blocking.execute(() -> {
            Authentication authentication;
            try {
                authentication = authenticate(request, resource);
            } catch (RuntimeException | Error e) {
                authenticated.completeExceptionally(e);
                return;
            }
            // the filter chain continues in complete(); its handler may then run on this thread
            ContinuingExecutorSelector.continueHere(() -> authenticated.complete(authentication));
        });
        return Publishers.fromCompletableFuture(authenticated);
    }

    /** An authentication decided without the store: the caller's, or null with the failure recorded on the request. */
    record Decided(@Nullable Authentication authentication) {
    }

    /**
     * For a request to a protected route: records the resource it addresses and, when no store access is needed,
     * the outcome of authenticating it; empty when the credential must be looked up (on a thread that may block).
     */
    Optional<Decided> decideInMemory(HttpRequest<?> request, ProtectedRoutes.Protection protection) {
        ResourceUri resource = routes.resource(request, protection);
        request.setAttribute(RESOURCE, resource);
        return decideInMemory(request, resource);
    }

    private Optional<Decided> decideInMemory(HttpRequest<?> request, ResourceUri resource) {
        // requests with a body (gateway POSTs) too: their handlers are non-blocking, and a hop to a worker thread
        // would cost each of them a hand-off before the relay
        return authenticator.authenticateFromMemory(request, resource).map(r -> new Decided(outcome(request, r)));
    }

    /** The authentication, or null with the failure recorded on the request. */
    private Authentication authenticate(HttpRequest<?> request, ResourceUri resource) {
        return outcome(request, authenticator.authenticate(request, resource));
    }

    private static Authentication outcome(HttpRequest<?> request, Result<Principal, AuthenticationFailure> result) {
        if (!result.isOk()) {
            request.setAttribute(FAILURE, result.error());
            return null;
        }
        return new PrincipalAuthentication(result.value());
    }
}

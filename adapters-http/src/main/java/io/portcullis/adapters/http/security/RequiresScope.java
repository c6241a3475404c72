package io.portcullis.adapters.http.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a route is a protected resource (RFC 6750): the caller must present a credential accepted for
 * {@link #resource()} whose key carries {@link #value()}. {@link CredentialAuthenticationFetcher} authenticates,
 * {@link ScopeRule} decides, {@link AuthenticationRejectionHandler} writes the challenge.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {
    /** The scope the key must permit, e.g. {@code user:read}. */
    String value();

    /**
     * The protected resource, as a path below the access URL whose {@code {name}} segments are filled from the
     * route's path variables; empty for the REST API (the access URL itself). Tokens must carry it as audience.
     */
    String resource() default "";

    /**
     * Whether a client acting for itself (a client_credentials token for the API, PRODUCT §7) may call the route:
     * only routes that need no user and reveal nothing a member could not read say so; every other route answers such
     * a caller 403.
     */
    boolean clients() default false;
}

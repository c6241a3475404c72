package io.portcullis.adapters.http.security;

import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.shared.ResourceUri;

/** Carries a refused credential to {@link AuthenticationExceptionHandler}, which writes the RFC 6750 answer. */
public final class AuthenticationException extends RuntimeException {
    private final AuthenticationFailure failure;
    private final ResourceUri resource;

    public AuthenticationException(AuthenticationFailure failure, ResourceUri resource) {
        super(failure.toString(), null, false, false);
        this.failure = failure;
        this.resource = resource;
    }

    public AuthenticationFailure failure() {
        return failure;
    }

    public ResourceUri resource() {
        return resource;
    }
}

package io.portcullis.domain.identity;

/** Business refusals of the identity context, each mapped to one REST status at the edge. */
public sealed interface IdentityError {
    String message();

    record Invalid(String field, String message) implements IdentityError {
    }

    record NotFound(String message) implements IdentityError {
    }

    record Conflict(String message) implements IdentityError {
    }

    record Forbidden(String message) implements IdentityError {
    }

    record BadCredentials(String message) implements IdentityError {
    }

    /** Too many failed sign-ins for one e-mail address; try again after {@code retryAfterSeconds}. */
    record Throttled(String message, long retryAfterSeconds) implements IdentityError {
    }
}

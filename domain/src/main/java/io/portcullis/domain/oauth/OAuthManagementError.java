package io.portcullis.domain.oauth;

/** Refusals of the apps and authorized-apps management API, each mapped to one REST status at the edge. */
public sealed interface OAuthManagementError {
    String message();

    /** A field of the request breaks a rule; {@code field} names it. */
    record Invalid(String field, String message) implements OAuthManagementError {
    }

    record NotFound(String message) implements OAuthManagementError {
    }

    /** The change collides with something that exists (a registered resource URI). */
    record Conflict(String message) implements OAuthManagementError {
    }

    /** The caller is signed in but may not do this. */
    record Forbidden(String message) implements OAuthManagementError {
    }
}

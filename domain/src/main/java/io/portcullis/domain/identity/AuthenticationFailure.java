package io.portcullis.domain.identity;

/** Why a request's credential was refused; each maps to one RFC 6750 answer. */
public sealed interface AuthenticationFailure {
    /** No credential in any source: 401 with a bare challenge (RFC 6750 §3.1). */
    record Missing() implements AuthenticationFailure {
    }

    /** Present but not acceptable: 401 {@code invalid_token} with this description. */
    record InvalidToken(String description) implements AuthenticationFailure {
    }

    /** Authenticated but the key's scopes do not reach: 403 {@code insufficient_scope}. */
    record InsufficientScope(String scope) implements AuthenticationFailure {
    }

    /** Authenticated but the role or allow list forbids: 403 without a Bearer challenge. */
    record Forbidden(String message) implements AuthenticationFailure {
    }
}

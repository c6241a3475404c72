package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpStatus;
import io.portcullis.domain.identity.IdentityError;
import java.util.List;

/** A refusal on the REST API, answered as {@link ApiError} JSON with {@link #status()}. */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final ApiError error;
    private final Long retryAfterSeconds;

    public ApiException(HttpStatus status, ApiError error) {
        this(status, error, null);
    }

    private ApiException(HttpStatus status, ApiError error, Long retryAfterSeconds) {
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for a {@code Retry-After} header, when the refusal is temporary. */
    public java.util.Optional<Long> retryAfterSeconds() {
        return java.util.Optional.ofNullable(retryAfterSeconds);
    }

    /** A temporary refusal ({@code 429}, {@code 503}) the client may retry after {@code seconds}. */
    public static ApiException retryLater(HttpStatus status, ApiError error, long seconds) {
        return new ApiException(status, error, seconds);
    }

    public static ApiException badRequest(String message, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError(message, detail));
    }

    public static ApiException validation(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError("Validation failed.", null,
                List.of(new ApiError.Validation(field, detail))));
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, new ApiError(message));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, new ApiError(message));
    }

    /** Maps a business refusal of the identity context to its REST status. */
    public static ApiException of(IdentityError error) {
        if (error instanceof IdentityError.Invalid i) {
            return validation(i.field(), i.message());
        }
        if (error instanceof IdentityError.NotFound) {
            return notFound(error.message());
        }
        if (error instanceof IdentityError.Conflict) {
            return new ApiException(HttpStatus.CONFLICT, new ApiError(error.message()));
        }
        if (error instanceof IdentityError.Forbidden) {
            return forbidden(error.message());
        }
        if (error instanceof IdentityError.Throttled t) {
            return new ApiException(HttpStatus.TOO_MANY_REQUESTS, new ApiError("Too many failed sign-ins.", t.message()),
                    t.retryAfterSeconds());
        }
        return new ApiException(HttpStatus.UNAUTHORIZED, new ApiError(error.message()));
    }

    /** The value of a successful use case, or this exception for its refusal. */
    public static <T> T unwrap(io.portcullis.domain.shared.Result<T, IdentityError> result) {
        if (!result.isOk()) {
            throw of(result.error());
        }
        return result.value();
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}

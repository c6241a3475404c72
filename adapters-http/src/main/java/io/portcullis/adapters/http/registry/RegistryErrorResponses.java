package io.portcullis.adapters.http.registry;

import io.micronaut.http.HttpStatus;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;

/** The one mapping of registry refusals to REST answers ({@code {"message","detail","validations"}}). */
public final class RegistryErrorResponses {
    private RegistryErrorResponses() {
    }

    public static ApiException toApi(RegistryError error) {
        if (error instanceof RegistryError.Invalid invalid) {
            return ApiException.validation(invalid.field(), invalid.message());
        }
        if (error instanceof RegistryError.DiscoveryFailed) {
            return ApiException.validation("url", error.message());
        }
        if (error instanceof RegistryError.TokenExchangeFailed) {
            return ApiException.validation("code", error.message());
        }
        if (error instanceof RegistryError.NotFound) {
            return ApiException.notFound(error.message());
        }
        if (error instanceof RegistryError.Conflict) {
            return new ApiException(HttpStatus.CONFLICT, new ApiError(error.message()));
        }
        if (error instanceof RegistryError.Forbidden || error instanceof RegistryError.NotConnected) {
            return ApiException.forbidden(error.message());
        }
        // an upstream failure the service did not wrap: the upstream, not the caller, is at fault
        return new ApiException(HttpStatus.BAD_GATEWAY, new ApiError("Bad gateway.", error.message()));
    }

    /** The value of a successful use case, or the REST refusal for its error. */
    public static <T> T unwrap(Result<T, RegistryError> result) {
        if (!result.isOk()) {
            throw toApi(result.error());
        }
        return result.value();
    }
}

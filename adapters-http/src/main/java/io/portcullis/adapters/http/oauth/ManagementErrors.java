package io.portcullis.adapters.http.oauth;

import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.shared.Result;

/** The one mapping of the apps and authorized-apps API's refusals to REST answers (400/403/404/409). */
final class ManagementErrors {
    private ManagementErrors() {
    }

    static ApiException toException(OAuthManagementError error) {
        if (error instanceof OAuthManagementError.Invalid invalid) {
            return ApiException.validation(invalid.field(), invalid.message());
        }
        if (error instanceof OAuthManagementError.NotFound) {
            return ApiException.notFound(error.message());
        }
        if (error instanceof OAuthManagementError.Conflict) {
            return new ApiException(io.micronaut.http.HttpStatus.CONFLICT,
                    new io.portcullis.adapters.http.shared.ApiError(error.message()));
        }
        // the only other refusal: OAuthManagementError.Forbidden
        return ApiException.forbidden(error.message());
    }

    /** The value of a successful use case, or the exception answering its refusal. */
    static <T> T unwrap(Result<T, OAuthManagementError> result) {
        if (!result.isOk()) {
            throw toException(result.error());
        }
        return result.value();
    }
}

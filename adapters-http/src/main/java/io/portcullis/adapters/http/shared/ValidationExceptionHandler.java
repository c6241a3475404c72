package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.portcullis.domain.shared.DomainValidationException;
import jakarta.inject.Singleton;

/** A value rule broken by input: 400 naming the field. */
@Singleton
public final class ValidationExceptionHandler implements ExceptionHandler<DomainValidationException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, DomainValidationException exception) {
        ApiException api = ApiException.validation(exception.field(), exception.getMessage());
        return HttpResponse.<ApiError>status(api.status()).body(api.error());
    }
}

package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** REST refusals raised by controllers. */
@Singleton
public final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ApiException exception) {
        var response = HttpResponse.<ApiError>status(exception.status()).body(exception.error());
        exception.retryAfterSeconds().ifPresent(s -> response.header("Retry-After", String.valueOf(s)));
        return response;
    }
}

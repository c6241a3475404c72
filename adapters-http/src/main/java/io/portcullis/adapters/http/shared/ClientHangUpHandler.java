package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.io.EOFException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that closes the connection before its whole body arrived (the body binder sees an {@link EOFException}):
 * not a server error — one INFO line naming the route, no stack trace, and an answer nobody will read.
 */
@Singleton
public final class ClientHangUpHandler implements ExceptionHandler<EOFException, HttpResponse<ApiError>> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHangUpHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, EOFException exception) {
        // the path only: query strings may carry access_token
        LOG.info("client hung up before its request body was complete: {} {}", request.getMethodName(), request.getPath());
        return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST)
                .body(new ApiError("Bad request.", "the connection closed before the whole body arrived"));
    }
}

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
 * A client that hung up before sending its whole body (PRODUCT §11: not an error). Logged at debug; the answer
 * reaches no one but keeps the request log's status honest.
 */
@Singleton
public final class ClientHangUpHandler implements ExceptionHandler<EOFException, HttpResponse<ApiError>> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHangUpHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, EOFException exception) {
        LOG.debug("client hung up during {} {}", request.getMethodName(), request.getPath());
        return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST).body(new ApiError("The client closed the connection."));
    }
}

package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.portcullis.adapters.http.pages.BrowserErrorPages;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything unexpected: 500 with a correlation id to find the log line, never internals; browsers get the error page
 * with the same id. A database that cannot be reached is not unexpected: 503 in the endpoint's format
 * ({@link DatabaseOutageResponses}), logged without a trace.
 */
@Singleton
public final class UnexpectedErrorHandler implements ExceptionHandler<Throwable, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, Throwable exception) {
        if (DatabaseOutageResponses.isOutage(exception)) {
            LOG.warn("database unavailable on {} {}: {}", request.getMethodName(), request.getPath(), exception.getMessage());
            return DatabaseOutageResponses.of(request);
        }
        String id = UUID.randomUUID().toString();
        // the path only: query strings may carry access_token
        LOG.error("unexpected error {} on {} {}", id, request.getMethodName(), request.getPath(), exception);
        if (BrowserErrorPages.wanted(request)) {
            return BrowserErrorPages.render(HttpResponse.serverError(), HttpStatus.INTERNAL_SERVER_ERROR, "correlation id " + id);
        }
        return HttpResponse.<ApiError>status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ApiError("An internal error occurred.", "correlation id " + id));
    }
}

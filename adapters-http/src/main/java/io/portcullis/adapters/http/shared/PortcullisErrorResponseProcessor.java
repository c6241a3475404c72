package io.portcullis.adapters.http.shared;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.portcullis.adapters.http.pages.BrowserErrorPages;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Framework-level errors (no route, wrong method, unsupported media type, oversized or undecodable
 * body) in the protocol's own shape: OAuth JSON under {@code /oauth2/}, the REST shape elsewhere, and an HTML page
 * for a browser outside those ({@link BrowserErrorPages}).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class PortcullisErrorResponseProcessor implements ErrorResponseProcessor<Object> {
    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String detail = context.getErrors().stream().findFirst().map(Error::getMessage).orElse(null);
        if (detail != null && detail.length() > 200) {
            detail = detail.substring(0, 200) + "…";
        }
        HttpStatus status = response.getStatus();
        if (BrowserErrorPages.wanted(context.getRequest())) {
            return BrowserErrorPages.render(response, status, null);
        }
        String path = context.getRequest().getPath();
        Object body;
        if (path.startsWith("/oauth2/")) {
            Map<String, String> oauth = new LinkedHashMap<>();
            oauth.put("error", "invalid_request");
            oauth.put("error_description", describe(status) + (detail == null ? "" : ": " + detail));
            body = oauth;
            response.header("Cache-Control", "no-store");
        } else {
            body = new ApiError(describe(status), detail);
        }
        return ((MutableHttpResponse<Object>) response).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    private static String describe(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Not found.";
            case METHOD_NOT_ALLOWED -> "Method not allowed.";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type.";
            case REQUEST_ENTITY_TOO_LARGE -> "Request body is too large.";
            case NOT_ACCEPTABLE -> "Not acceptable.";
            case BAD_REQUEST -> "Bad request.";
            default -> status.getReason();
        };
    }
}

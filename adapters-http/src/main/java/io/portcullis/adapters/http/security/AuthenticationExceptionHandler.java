package io.portcullis.adapters.http.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.identity.AuthenticationFailure;
import jakarta.inject.Singleton;

/**
 * Writes RFC 6750 §3 answers with the RFC 9728 {@code resource_metadata} parameter: no {@code error}
 * when no credential was sent, {@code invalid_token} with an accurate description, {@code insufficient_scope}
 * with the scope needed; role refusals are plain 403 JSON without a challenge.
 */
@Singleton
@Requires(classes = ExceptionHandler.class)
public final class AuthenticationExceptionHandler
        implements ExceptionHandler<AuthenticationException, HttpResponse<ApiError>> {
    private final ServerUrls urls;

    public AuthenticationExceptionHandler(ServerUrls urls) {
        this.urls = urls;
    }

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, AuthenticationException exception) {
        String metadata = "resource_metadata=\"" + urls.metadataUrlFor(exception.resource()) + "\"";
        AuthenticationFailure failure = exception.failure();
        if (failure instanceof AuthenticationFailure.Missing) {
            return challenge(HttpStatus.UNAUTHORIZED, "Bearer realm=\"portcullis\", " + metadata,
                    new ApiError("You are not signed in.", "send an API key or access token"));
        }
        if (failure instanceof AuthenticationFailure.InvalidToken t) {
            return challenge(HttpStatus.UNAUTHORIZED,
                    "Bearer realm=\"portcullis\", error=\"invalid_token\", error_description=\""
                            + quoted(t.description()) + "\", " + metadata,
                    new ApiError("Invalid credentials.", t.description()));
        }
        if (failure instanceof AuthenticationFailure.InsufficientScope s) {
            return challenge(HttpStatus.FORBIDDEN,
                    "Bearer realm=\"portcullis\", error=\"insufficient_scope\", error_description=\"the token lacks scope "
                            + quoted(s.scope()) + "\", scope=\"" + quoted(s.scope()) + "\", " + metadata,
                    new ApiError("Insufficient scope.", "this request needs scope " + s.scope()));
        }
        return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                .body(new ApiError("Forbidden.", ((AuthenticationFailure.Forbidden) failure).message()));
    }

    private static MutableHttpResponse<ApiError> challenge(HttpStatus status, String header, ApiError body) {
        return HttpResponse.<ApiError>status(status).header("WWW-Authenticate", header).body(body);
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "'");
    }
}

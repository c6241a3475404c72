package io.portcullis.adapters.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.BrowserNavigation;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.shared.ResourceUri;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers requests the security rules rejected, in place of Micronaut's redirecting handler: RFC 6750 §3 with
 * the RFC 9728 {@code resource_metadata} parameter of the resource addressed — no {@code error} when no
 * credential was sent, {@code invalid_token} with an accurate description, {@code insufficient_scope} with the
 * scope needed; other refusals are plain 403 JSON without a challenge.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Requires(classes = ExceptionHandler.class)
public final class AuthenticationRejectionHandler
        implements ExceptionHandler<AuthorizationException, HttpResponse<ApiError>> {
    /** Pages a browser opens from a link that make sense only signed in: the upstream connect flow. */
    private static final Pattern SIGN_IN_FIRST = Pattern.compile("/api/v2/mcp/servers/[^/]+/oauth2/(connect|callback)");
    private static final String GATEWAY_SCOPE = "mcp_gateway:use";
    private final ServerUrls urls;

    public AuthenticationRejectionHandler(ServerUrls urls) {
        this.urls = urls;
    }

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, AuthorizationException exception) {
        HttpRequest<?> rejected = request;
        Optional<ResourceUri> resource = rejected.getAttribute(CredentialAuthenticationFetcher.RESOURCE, ResourceUri.class);
        if (resource.isEmpty()) {
            // not a protected resource of Portcullis (Micronaut's sensitive management endpoints): a bare status,
            // as Micronaut's own endpoint filter answered before Micronaut Security was added
            return HttpResponse.status(exception.isForbidden() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
        }
        AuthenticationFailure failure = rejected.getAttribute(CredentialAuthenticationFetcher.FAILURE, AuthenticationFailure.class)
                .orElseGet(() -> exception.getAuthentication() == null ? new AuthenticationFailure.Missing()
                        : new AuthenticationFailure.Forbidden("no rule opens this route"));
        boolean signedOut = failure instanceof AuthenticationFailure.Missing || (failure instanceof AuthenticationFailure.InvalidToken
                && RequestAuthenticator.credential(rejected).map(c -> c.source() == RequestAuthenticator.Source.COOKIE).orElse(false));
        if (signedOut && BrowserNavigation.of(rejected) && SIGN_IN_FIRST.matcher(rejected.getPath()).matches()) {
            // a signed-out browser (or one whose session ended) opening a connect link (PRODUCT §9): sign in, come back
            String back = rejected.getUri().getRawPath() + (rejected.getUri().getRawQuery() == null ? "" : "?" + rejected.getUri().getRawQuery());
            return HttpResponse.<ApiError>status(HttpStatus.SEE_OTHER)
                    .header("Location", "/login?redirect=" + URLEncoder.encode(back, StandardCharsets.UTF_8))
                    .header("Cache-Control", "no-store");
        }
        return answer(failure, resource.get());
    }

    private HttpResponse<ApiError> answer(AuthenticationFailure failure, ResourceUri resource) {
        String metadata = "resource_metadata=\"" + urls.metadataUrlFor(resource) + "\"";
        // on an MCP gateway resource the 401s name the one scope MCP clients should ask for (PRODUCT §10)
        String scope = resource.equals(urls.apiResource()) ? "" : "scope=\"" + GATEWAY_SCOPE + "\", ";
        if (failure instanceof AuthenticationFailure.Missing) {
            return challenge(HttpStatus.UNAUTHORIZED, "Bearer realm=\"portcullis\", " + scope + metadata,
                    new ApiError("You are not signed in.", "send an API key or access token"));
        }
        if (failure instanceof AuthenticationFailure.InvalidToken t) {
            return challenge(HttpStatus.UNAUTHORIZED,
                    "Bearer realm=\"portcullis\", error=\"invalid_token\", error_description=\""
                            + quoted(t.description()) + "\", " + scope + metadata,
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

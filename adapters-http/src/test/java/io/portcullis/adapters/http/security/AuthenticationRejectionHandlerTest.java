package io.portcullis.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.ServerAuthentication;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.shared.ResourceUri;
import org.junit.jupiter.api.Test;

class AuthenticationRejectionHandlerTest {
    private static final ServerUrls URLS = new ServerUrls("https://auth.example");
    private static final String PRM = "resource_metadata=\"https://auth.example/.well-known/oauth-protected-resource\"";
    private final AuthenticationRejectionHandler handler = new AuthenticationRejectionHandler(URLS);

    private static MutableHttpRequest<?> rejected(ResourceUri resource, AuthenticationFailure failure) {
        MutableHttpRequest<?> request = HttpRequest.GET("/api/v2/users/me");
        request.setAttribute(CredentialAuthenticationFetcher.RESOURCE, resource);
        if (failure != null) {
            request.setAttribute(CredentialAuthenticationFetcher.FAILURE, failure);
        }
        return request;
    }

    @Test
    void handleWhenNoCredentialThenBareChallengeWithMetadata() {
        HttpResponse<ApiError> r = handler.handle(rejected(URLS.apiResource(), null), new AuthorizationException(null));
        assertThat(r.code()).isEqualTo(401);
        assertThat(r.getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"portcullis\", " + PRM);
        assertThat(r.body().message()).isEqualTo("You are not signed in.");
    }

    @Test
    void handleWhenInvalidTokenThenDescriptionQuoted() {
        HttpResponse<ApiError> r = handler.handle(rejected(URLS.apiResource(),
                new AuthenticationFailure.InvalidToken("the \"token\" is bad")), new AuthorizationException(null));
        assertThat(r.code()).isEqualTo(401);
        assertThat(r.getHeaders().get("WWW-Authenticate")).isEqualTo(
                "Bearer realm=\"portcullis\", error=\"invalid_token\", error_description=\"the 'token' is bad\", " + PRM);
    }

    @Test
    void handleWhenScopeTooNarrowThenInsufficientScopeForGatewayResource() {
        ResourceUri gateway = URLS.apiResource().child("/mcp/notes");
        HttpResponse<ApiError> r = handler.handle(rejected(gateway, new AuthenticationFailure.InsufficientScope("mcp_gateway:use")),
                new AuthorizationException(new ServerAuthentication("owner", null, null)));
        assertThat(r.code()).isEqualTo(403);
        assertThat(r.getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"portcullis\", error=\"insufficient_scope\", "
                + "error_description=\"the token lacks scope mcp_gateway:use\", scope=\"mcp_gateway:use\", "
                + "resource_metadata=\"https://auth.example/.well-known/oauth-protected-resource/mcp/notes\"");
        assertThat(r.body().detail()).isEqualTo("this request needs scope mcp_gateway:use");
    }

    @Test
    void handleWhenCrossSiteCookieWriteThenPlain403WithoutChallenge() {
        HttpResponse<ApiError> r = handler.handle(rejected(URLS.apiResource(),
                new AuthenticationFailure.Forbidden("cross-site requests may not use the session cookie")),
                new AuthorizationException(null));
        assertThat(r.code()).isEqualTo(403);
        assertThat(r.getHeaders().get("WWW-Authenticate")).isNull();
        assertThat(r.body().message()).isEqualTo("Forbidden.");
    }

    @Test
    void handleWhenRouteNotProtectedByPortcullisThenBareStatus() {
        HttpResponse<ApiError> r = handler.handle(HttpRequest.GET("/threaddump"), new AuthorizationException(null));
        assertThat(r.code()).isEqualTo(401);
        assertThat(r.getHeaders().get("WWW-Authenticate")).isNull();
        assertThat(r.getBody()).isEmpty();
    }
}

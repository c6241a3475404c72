package io.portcullis.adapters.http.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.domain.oauth.OAuthError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenEndpointRequestTest {
    private static HttpRequest<?> post(String authorization) {
        return authorization == null ? HttpRequest.POST("/oauth2/token", "")
                : HttpRequest.POST("/oauth2/token", "").header("Authorization", authorization);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readWhenFormWellShapedThenTypedParametersAndBodyCredentials() {
        TokenEndpointRequest r = TokenEndpointRequest.read(post(null),
                "grant_type=authorization_code&code=c&code_verifier=v&redirect_uri=https%3A%2F%2Fa.example%2Fcb"
                        + "&client_id=app&scope=").value();
        assertThat(r.grantType()).isEqualTo("authorization_code");
        assertThat(r.code()).isEqualTo("c");
        assertThat(r.codeVerifier()).isEqualTo("v");
        assertThat(r.redirectUri()).isEqualTo("https://a.example/cb");
        assertThat(r.scope()).isNull();
        assertThat(r.credentials()).isEqualTo(new ClientCredentials("app", null, false));
    }

    @Test
    void readWhenParameterRepeatedThenInvalidRequestNamingIt() {
        assertThat(TokenEndpointRequest.read(post(null), "grant_type=refresh_token&scope=a&scope=b").error())
                .isEqualTo(new OAuthError.InvalidRequest("parameter scope must not be repeated"));
    }

    @Test
    void readWhenBodyNotFormEncodedThenInvalidRequest() {
        assertThat(TokenEndpointRequest.read(post(null), "grant_type=%zz").error())
                .isEqualTo(new OAuthError.InvalidRequest("the body is not valid application/x-www-form-urlencoded"));
    }

    @Test
    void readWhenBasicThenCredentialsFromHeaderAndWhenAlsoBodySecretThenInvalidRequest() {
        assertThat(TokenEndpointRequest.read(post(basic("app", "s3cret")), "grant_type=refresh_token").value().credentials())
                .isEqualTo(new ClientCredentials("app", "s3cret", true));
        assertThat(TokenEndpointRequest.read(post(basic("app", "s3cret")), "client_secret=other").error())
                .isInstanceOf(OAuthError.InvalidRequest.class);
        assertThat(TokenEndpointRequest.read(post("Bearer x"), "").error()).isInstanceOf(OAuthError.InvalidClient.class);
    }
}

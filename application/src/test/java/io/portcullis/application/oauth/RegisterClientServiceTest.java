package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.domain.oauth.OAuthErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Open registration (RFC 7591) and its management protocol (RFC 7592). */
class RegisterClientServiceTest extends OAuthServiceTestBase {
    @Test
    void registerWhenConfidentialThenSecretAndTokenElsePublicWithoutSecret() {
        assertThat(confidential.clientSecret()).get().asString().matches("^pcs_[0-9A-Za-z]{10}_[0-9A-Za-z]{40}$");
        assertThat(confidential.registrationAccessToken()).isPresent();
        assertThat(publicClient.clientSecret()).isEmpty();
        assertThat(clients.register(raw(List.of("http://evil.example/cb"), "none", null)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_REDIRECT_URI);
        assertThat(clients.register(raw(List.of("https://a.example/cb"), "private_key_jwt", null)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT_METADATA);
    }

    @Test
    void registrationManagementWhenTokenRightThenReadUpdateDeleteElseInvalidToken() {
        String id = confidential.client().id().toString();
        String token = confidential.registrationAccessToken().orElseThrow();
        assertThat(clients.read(id, token).isOk()).isTrue();
        assertThat(clients.read(id, publicClient.registrationAccessToken().orElseThrow()).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_TOKEN);
        assertThat(clients.update(id, token, raw(List.of("https://app.example/other"), "client_secret_basic", null)).value()
                .metadata().redirectUris()).extracting(r -> r.value()).containsExactly("https://app.example/other");
        assertThat(clients.update(id, token, raw(List.of("https://app.example/other"), "none", null)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT_METADATA);
        assertThat(clients.delete(id, token).isOk()).isTrue();
        assertThat(clients.read(id, token).isOk()).isFalse();
    }
}

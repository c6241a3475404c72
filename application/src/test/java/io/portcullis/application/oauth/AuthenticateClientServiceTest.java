package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.OAuthErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Client authentication at the token endpoint. */
class AuthenticateClientServiceTest extends OAuthServiceTestBase {
    @Test
    void authenticateClientWhenSecretWrongMissingOrPublicWithSecretThenInvalidClient() {
        String id = confidential.client().id().toString();
        assertThat(clientAuthentication.authenticate(new ClientCredentials(id, null, false)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        String wrong = "pcs_" + confidential.clientSecret().get().substring(4, 14) + "_" + "x".repeat(40);
        assertThat(clientAuthentication.authenticate(new ClientCredentials(id, wrong, true)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        assertThat(clientAuthentication.authenticate(new ClientCredentials(publicClient.client().id().toString(),
                confidential.clientSecret().get(), false)).error().code()).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        assertThat(clientAuthentication.authenticate(new ClientCredentials("not-a-uuid", null, false)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT);
    }

    @Test
    void authenticateClientWhenSecretUsedAgainWithinAMinuteThenLastUsedWrittenOnce() {
        ClientCredentials credentials = new ClientCredentials(confidential.client().id().toString(),
                confidential.clientSecret().get(), true);
        Instant first = clock.instant();
        assertThat(clientAuthentication.authenticate(credentials).isOk()).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(clientAuthentication.authenticate(credentials).isOk()).isTrue();
        assertThat(store.secrets.listByClient(confidential.client().id())).extracting(ClientSecret::lastUsedAt)
                .containsExactly(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(clientAuthentication.authenticate(credentials).isOk()).isTrue();
        assertThat(store.secrets.listByClient(confidential.client().id())).extracting(ClientSecret::lastUsedAt)
                .containsExactly(first.plusSeconds(60));
    }
}

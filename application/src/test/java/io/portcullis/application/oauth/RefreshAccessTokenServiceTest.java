package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthErrorCode;
import io.portcullis.domain.shared.ResourceUri;
import org.junit.jupiter.api.Test;

/** The refresh token grant: rotation, reuse detection, narrowing. */
class RefreshAccessTokenServiceTest extends OAuthServiceTestBase {
    @Test
    void refreshWhenRotatedTokenReusedThenWholeGrantRevoked() {
        OAuthClient client = auth(confidential);
        TokenResponse first = exchange.exchange(new ExchangeAuthorizationCodeCommand(client, codeFor(confidential, null, null, null),
                VERIFIER, null, null)).value();
        TokenResponse second = refresh.refresh(new RefreshAccessTokenCommand(client, first.refreshToken(), null, null)).value();
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(authentication.authenticate(second.accessToken(), SERVER).isOk()).isTrue();
        OAuthError reuse = refresh.refresh(new RefreshAccessTokenCommand(client, first.refreshToken(), null, null)).error();
        assertThat(reuse.description()).contains("whole grant has been revoked");
        assertThat(authentication.authenticate(second.accessToken(), SERVER).isOk()).isFalse();
        assertThat(refresh.refresh(new RefreshAccessTokenCommand(client, second.refreshToken(), null, null)).isOk()).isFalse();
    }

    @Test
    void refreshWhenAnotherClientPresentsTokenThenRefusedAndGrantUntouched() {
        TokenResponse first = exchange.exchange(new ExchangeAuthorizationCodeCommand(auth(confidential), 
                codeFor(confidential, null, null, null), VERIFIER, null, null)).value();
        assertThat(refresh.refresh(new RefreshAccessTokenCommand(auth(publicClient), first.refreshToken(), null, null)).error().description())
                .contains("another client");
        revocation.revoke(auth(publicClient), first.refreshToken(), "refresh_token");
        assertThat(refresh.refresh(new RefreshAccessTokenCommand(auth(confidential), first.refreshToken(), null, null)).isOk()).isTrue();
    }

    @Test
    void refreshWhenScopeOrResourceNarrowedThenAllowedAndWidenedThenRefused() {
        OAuthClient client = auth(confidential);
        TokenResponse first = exchange.exchange(new ExchangeAuthorizationCodeCommand(client, codeFor(confidential, null,
                "user:read api_key:read", null), VERIFIER, null, null)).value();
        assertThat(refresh.refresh(new RefreshAccessTokenCommand(client, first.refreshToken(), "user:read api_key:create", null)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_SCOPE);
        TokenResponse narrowed = refresh.refresh(new RefreshAccessTokenCommand(client, first.refreshToken(), "user:read",
                "https://auth.example/mcp")).value();
        assertThat(narrowed.scope()).isEqualTo("user:read");
        assertThat(authentication.authenticate(narrowed.accessToken(), ResourceUri.parse("https://auth.example/mcp")).isOk()).isTrue();
        assertThat(authentication.authenticate(narrowed.accessToken(), SERVER).isOk()).isFalse();
    }
}

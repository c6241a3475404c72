package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.domain.oauth.OAuthClient;
import org.junit.jupiter.api.Test;

/**
 * Each way the authorization server revokes access tokens takes effect at once on this replica even after the token
 * was served from memory: every revocation path tells the credential cache (the store's report reaches the others).
 */
class CachedAccessTokenRevocationTest extends OAuthServiceTestBase {
    private TokenResponse tokens(OAuthClient client) {
        TokenResponse t = exchange.exchange(new ExchangeAuthorizationCodeCommand(client,
                codeFor(confidential, null, null, null), VERIFIER, null, null)).value();
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isTrue();
        assertThat(authentication.authenticateFromMemory(t.accessToken(), SERVER)).as("cached").isPresent();
        return t;
    }

    @Test
    void revokeWhenRefreshTokenRevokedThenCachedAccessTokenRefused() {
        OAuthClient client = auth(confidential);
        TokenResponse t = tokens(client);
        revocation.revoke(client, t.refreshToken(), null);
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isFalse();
    }

    @Test
    void revokeWhenAccessTokenRevokedThenCachedAccessTokenRefused() {
        OAuthClient client = auth(confidential);
        TokenResponse t = tokens(client);
        revocation.revoke(client, t.accessToken(), "access_token");
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isFalse();
    }

    @Test
    void refreshWhenRotatedTokenReusedThenCachedAccessTokensOfTheGrantRefused() {
        OAuthClient client = auth(confidential);
        TokenResponse first = tokens(client);
        TokenResponse second = refresh.refresh(new RefreshAccessTokenCommand(client, first.refreshToken(), null, null))
                .value();
        assertThat(authentication.authenticate(second.accessToken(), SERVER).isOk()).isTrue();
        assertThat(refresh.refresh(new RefreshAccessTokenCommand(client, first.refreshToken(), null, null)).isOk()).isFalse();
        assertThat(authentication.authenticate(second.accessToken(), SERVER).isOk()).isFalse();
    }

    @Test
    void exchangeWhenCodeReplayedThenCachedAccessTokenRefused() {
        OAuthClient client = auth(confidential);
        String code = codeFor(confidential, null, null, null);
        TokenResponse t = exchange.exchange(new ExchangeAuthorizationCodeCommand(client, code, VERIFIER, null, null)).value();
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isTrue();
        assertThat(exchange.exchange(new ExchangeAuthorizationCodeCommand(client, code, VERIFIER, null, null)).isOk()).isFalse();
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isFalse();
    }

    @Test
    void revokeWhenUserRevokesAppThenCachedAccessTokenRefused() {
        OAuthClient client = auth(confidential);
        TokenResponse t = tokens(client);
        Principal alicePrincipal = authentication.authenticate(t.accessToken(), SERVER).value();
        assertThat(grants.revoke(alicePrincipal, client.id().toString()).isOk()).isTrue();
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isFalse();
    }

    @Test
    void deleteWhenClientDeletedThenCachedAccessTokenRefused() {
        OAuthClient client = auth(confidential);
        TokenResponse t = tokens(client);
        assertThat(clients.delete(client.id().toString(), confidential.registrationAccessToken().orElseThrow()).isOk())
                .isTrue();
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isFalse();
    }
}

package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.domain.oauth.OAuthClient;
import org.junit.jupiter.api.Test;

/** Token revocation (RFC 7009). */
class RevokeTokenServiceTest extends OAuthServiceTestBase {
    @Test
    void revokeWhenRefreshTokenThenGrantEndsAndWhenAccessTokenThenOnlyItEnds() {
        OAuthClient client = auth(confidential);
        TokenResponse a = exchange.exchange(new ExchangeAuthorizationCodeCommand(client, codeFor(confidential, null, null, null), VERIFIER,
                null, null)).value();
        revocation.revoke(client, a.accessToken(), "refresh_token");
        assertThat(authentication.authenticate(a.accessToken(), SERVER).isOk()).isFalse();
        TokenResponse b = refresh.refresh(new RefreshAccessTokenCommand(client, a.refreshToken(), null, null)).value();
        revocation.revoke(client, b.refreshToken(), null);
        assertThat(authentication.authenticate(b.accessToken(), SERVER).isOk()).isFalse();
        revocation.revoke(client, "garbage", null);
        revocation.revoke(client, null, null);
    }
}

package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.TokenResponse;
import org.junit.jupiter.api.Test;

/** The user's authorized apps. */
class ManageGrantsServiceTest extends OAuthServiceTestBase {
    @Test
    void grantsWhenListedAndRevokedThenTokensStop() {
        TokenResponse t = exchange.exchange(new ExchangeAuthorizationCodeCommand(auth(publicClient), codeFor(publicClient, null, null, null),
                VERIFIER, null, null)).value();
        exchange.exchange(new ExchangeAuthorizationCodeCommand(auth(publicClient), codeFor(publicClient, null, "user:read", null),
                VERIFIER, null, null)).value();
        Principal principal = authentication.authenticate(t.accessToken(), SERVER).value();
        assertThat(grants.list(principal)).singleElement().satisfies(g -> assertThat(g.grants()).isEqualTo(2));
        assertThat(grants.revoke(principal, publicClient.client().id().toString()).isOk()).isTrue();
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isFalse();
        assertThat(grants.revoke(principal, publicClient.client().id().toString()).isOk()).isFalse();
    }
}

package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKey;
import java.util.List;
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
        assertThat(grants.list(narrowed(principal, "oauth2_app:" + confidential.client().id()))).isEmpty();
        assertThat(grants.list(narrowed(principal, "oauth2_app:" + publicClient.client().id()))).hasSize(1);
        assertThat(grants.revoke(principal, publicClient.client().id().toString()).isOk()).isTrue();
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isFalse();
        assertThat(grants.revoke(principal, publicClient.client().id().toString()).isOk()).isFalse();
    }

    /** The same user with a key whose allow list holds only {@code entry}. */
    private static Principal narrowed(Principal principal, String entry) {
        ApiKey k = principal.key();
        return new Principal(principal.user(), new ApiKey(k.id(), k.secretDigest(), k.userId(), k.loginType(), k.expiresAt(),
                k.lifetimeSeconds(), k.lastUsed(), k.tokenName(), k.scopes(), new AllowList(List.of(entry)), k.createdAt(),
                k.audience(), k.grantId()));
    }
}

package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthErrorCode;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The authorization code grant. */
class ExchangeAuthorizationCodeServiceTest extends OAuthServiceTestBase {
    @Test
    void exchangeWhenEverythingMatchesThenAudienceBoundTokenThatWorksOnlyThere() {
        String code = codeFor(publicClient, "http://127.0.0.1:3000/callback", "user:read", "https://auth.example/mcp");
        TokenResponse response = exchange.exchange(new ExchangeAuthorizationCodeCommand(auth(publicClient), code, VERIFIER,
                "http://127.0.0.1:3000/callback", "https://auth.example/mcp")).value();
        assertThat(response.expiresIn()).isEqualTo(3600);
        assertThat(response.scope()).isEqualTo("user:read");
        assertThat(response.refreshToken()).startsWith("pcs_");
        Result<Principal, AuthenticationFailure> atMcp = authentication.authenticate(response.accessToken(),
                ResourceUri.parse("https://auth.example/mcp/tools"));
        assertThat(atMcp.isOk()).isTrue();
        assertThat(atMcp.value().key().scopes().values()).containsExactly("user:read");
        assertThat(authentication.authenticate(response.accessToken(), SERVER).error())
                .isEqualTo(new AuthenticationFailure.InvalidToken("the access token's audience does not include this resource"));
    }

    @Test
    void exchangeWhenVerifierMismatchThenInvalidGrant() {
        String code = codeFor(publicClient, null, null, null);
        OAuthError error = exchange.exchange(new ExchangeAuthorizationCodeCommand(auth(publicClient), code, "w".repeat(43), null, null)).error();
        assertThat(error).isEqualTo(new OAuthError.InvalidGrant("code_verifier does not match the code_challenge"));
    }

    @Test
    void exchangeWhenCodeReplayedThenRefusedAndFirstTokensRevoked() {
        String code = codeFor(publicClient, null, null, null);
        OAuthClient client = auth(publicClient);
        TokenResponse first = exchange.exchange(new ExchangeAuthorizationCodeCommand(client, code, VERIFIER, null, null)).value();
        assertThat(authentication.authenticate(first.accessToken(), SERVER).isOk()).isTrue();
        OAuthError replay = exchange.exchange(new ExchangeAuthorizationCodeCommand(client, code, VERIFIER, null, null)).error();
        assertThat(replay.code()).isEqualTo(OAuthErrorCode.INVALID_GRANT);
        assertThat(authentication.authenticate(first.accessToken(), SERVER).isOk()).isFalse();
        assertThat(refresh.refresh(new RefreshAccessTokenCommand(client, first.refreshToken(), null, null)).isOk()).isFalse();
    }

    @Test
    void exchangeWhenOtherClientRedirectOrResourceDiffersThenRefused() {
        String code = codeFor(confidential, "https://app.example/cb", null, "https://auth.example/mcp");
        assertThat(exchange.exchange(new ExchangeAuthorizationCodeCommand(auth(publicClient), code, VERIFIER, "https://app.example/cb",
                "https://auth.example/mcp")).error().description()).contains("another client");
        OAuthClient owner = auth(confidential);
        assertThat(exchange.exchange(new ExchangeAuthorizationCodeCommand(owner, code, VERIFIER, "https://app.example/other",
                "https://auth.example/mcp")).error().code()).isEqualTo(OAuthErrorCode.INVALID_GRANT);
        assertThat(exchange.exchange(new ExchangeAuthorizationCodeCommand(owner, code, VERIFIER, "https://app.example/cb",
                "https://auth.example/other")).error().code()).isEqualTo(OAuthErrorCode.INVALID_TARGET);
        // none of the refusals burned the code
        assertThat(exchange.exchange(new ExchangeAuthorizationCodeCommand(owner, code, VERIFIER, "https://app.example/cb",
                "HTTPS://AUTH.example:443/mcp/")).isOk()).isTrue();
    }

    @Test
    void exchangeWhenCodeExpiredThenInvalidGrant() {
        String code = codeFor(publicClient, null, null, null);
        clock.advance(Duration.ofMinutes(10));
        assertThat(exchange.exchange(new ExchangeAuthorizationCodeCommand(auth(publicClient), code, VERIFIER, null, null)).error()
                .description()).contains("expired");
    }
}

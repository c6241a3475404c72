package io.portcullis.application.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.service.MeteredRelay;
import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.in.OidcSignInUseCase;
import io.portcullis.application.identity.service.MeteredLogin;
import io.portcullis.application.identity.service.MeteredOidcSignIn;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.service.MeteredCodeExchange;
import io.portcullis.application.oauth.service.MeteredRefresh;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.OidcSignInError;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The metered decorators report each use case's outcome to the metrics port and change nothing else. */
class MeteredUseCasesTest {
    /** Records every call as one line. */
    static final class RecordingMetrics implements ProductMetricsPort {
        final List<String> calls = new ArrayList<>();

        @Override
        public void signIn(String method, String outcome) {
            calls.add("sign_in " + method + " " + outcome);
        }

        @Override
        public void tokenRequest(String grant, String outcome) {
            calls.add("token " + grant + " " + outcome);
        }

        @Override
        public void refreshReuseDetected() {
            calls.add("refresh_reuse");
        }

        @Override
        public void clientRegistration(String outcome) {
            calls.add("registration " + outcome);
        }

        @Override
        public void gatewayCall(String server, String outcome, Duration elapsed) {
            calls.add("gateway " + server + " " + outcome + " " + elapsed.toMillis());
        }
    }

    private final RecordingMetrics metrics = new RecordingMetrics();

    @Test
    void loginWhenOutcomesVaryThenEachCountedByOutcome() {
        List<Result<IssuedApiKey, IdentityError>> answers = new ArrayList<>(List.of(Result.ok(null),
                Result.err(new IdentityError.BadCredentials("no")), Result.err(new IdentityError.Throttled("wait", 5)),
                Result.err(new IdentityError.Forbidden("suspended"))));
        LoginUseCase metered = new MeteredLogin(new LoginUseCase() {
            @Override
            public Result<IssuedApiKey, IdentityError> login(String email, String password, ClientAddress from) {
                return answers.remove(0);
            }

            @Override
            public void logout(Principal principal) {
                metrics.calls.add("logout");
            }
        }, metrics);
        for (int i = 0; i < 4; i++) {
            metered.login("a@example.com", "pw", new ClientAddress("203.0.113.9"));
        }
        metered.logout(null);
        assertThat(metrics.calls).containsExactly("sign_in password success", "sign_in password failure",
                "sign_in password throttled", "sign_in password refused", "logout");
    }

    @Test
    void oidcSignInWhenCallbackSucceedsFailsOrIsRefusedThenCountedWithMethodOidc() {
        List<Result<OidcSignInUseCase.SignedIn, OidcSignInError>> answers = new ArrayList<>(List.of(
                Result.ok(new OidcSignInUseCase.SignedIn(null, "/")), Result.err(new OidcSignInError.InvalidState()),
                Result.err(new OidcSignInError.ProviderFailed("corp", "token endpoint said no")),
                Result.err(new OidcSignInError.Suspended())));
        OidcSignInUseCase metered = new MeteredOidcSignIn(new OidcSignInUseCase() {
            @Override
            public List<ProviderChoice> providers() {
                return List.of();
            }

            @Override
            public boolean passwordLogin() {
                return true;
            }

            @Override
            public Result<Started, OidcSignInError> start(String provider, String redirect, String callbackUrl) {
                return Result.ok(new Started("https://idp.example/authorize", "sealed"));
            }

            @Override
            public Result<SignedIn, OidcSignInError> finish(String provider, String code, String state, String sealedState,
                    String callbackUrl) {
                return answers.remove(0);
            }
        }, metrics);
        metered.start("corp", "/", "https://p.example/cb");
        for (int i = 0; i < 4; i++) {
            metered.finish("corp", "code", "state", "sealed", "https://p.example/cb");
        }
        assertThat(metrics.calls).containsExactly("sign_in oidc success", "sign_in oidc failure", "sign_in oidc failure",
                "sign_in oidc refused");
    }

    @Test
    void tokenGrantsWhenIssuedOrRefusedThenCountedByGrantAndCodeAndReuseSeparately() {
        TokenResponse tokens = new TokenResponse("a", 3600, "r", "all");
        new MeteredCodeExchange(c -> Result.ok(tokens), metrics).exchange(null);
        new MeteredCodeExchange(c -> Result.err(new OAuthError.CodeReplayed()), metrics).exchange(null);
        Result<TokenResponse, OAuthError> reused = new MeteredRefresh(c -> Result.err(new OAuthError.RefreshTokenReused()),
                metrics).refresh(null);
        new MeteredRefresh(c -> Result.ok(tokens), metrics).refresh(null);
        assertThat(reused.error()).isInstanceOf(OAuthError.RefreshTokenReused.class);
        assertThat(metrics.calls).containsExactly("token authorization_code issued", "token authorization_code invalid_grant",
                "token refresh_token invalid_grant", "refresh_reuse", "token refresh_token issued");
    }

    @Test
    void gatewayWhenRelayedThenTimedBySlugAndUnknownSlugsFolded() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        RelayMcpRequestUseCase slow = c -> {
            clock.advance(Duration.ofMillis(120));
            return CompletableFuture.completedFuture(Result.ok(new RelayMcpRequestUseCase.RelayedAnswer(200, Map.of(), null)));
        };
        new MeteredRelay(slow, metrics, clock).relay(command("files"));
        new MeteredRelay(c -> CompletableFuture.completedFuture(Result.err(new GatewayError.UpstreamUnreachable("u", "refused"))),
                metrics, clock)
                .relay(command("files"));
        new MeteredRelay(c -> CompletableFuture.completedFuture(Result.err(new GatewayError.NotPublished("x1"))), metrics, clock)
                .relay(command("x1"));
        assertThat(metrics.calls).containsExactly("gateway files ok 120", "gateway files upstream_unreachable 0",
                "gateway unknown not_published 0");
    }

    private static RelayMcpRequestUseCase.RelayMcpRequestCommand command(String slug) {
        return new RelayMcpRequestUseCase.RelayMcpRequestCommand(null, slug, "POST", Map.of(), new byte[0]);
    }
}

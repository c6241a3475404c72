package io.portcullis.domain.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AuthorizationCodeTest {
    static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final ResourceUri SERVER = ResourceUri.parse("https://auth.example");
    static final ResourceUri MCP = ResourceUri.parse("https://auth.example/mcp");
    static final Predicate<ResourceUri> SERVED = r -> r.equals(SERVER) || r.equals(MCP);
    private final PrefixedSecret secret = new PrefixedSecret("abcdefghij", "x".repeat(40));
    private final OAuthClient client = client("https://app.example/cb", "https://app.example/other");

    static OAuthClient client(String... redirects) {
        ClientMetadata metadata = ClientMetadata.validate(new ClientMetadata.Raw("Demo", List.of(redirects), "none", null,
                null, null, null, null, null, null, null, null, null, null)).value();
        return new OAuthClient(UUID.nameUUIDFromBytes(redirects[0].getBytes()), metadata, Optional.empty(), false, T0, T0);
    }

    private AuthorizationCode code(Optional<String> redirect, ResourceUri resource, boolean resourceSent,
            Optional<Instant> usedAt) {
        return new AuthorizationCode(secret.prefix(), secret.digest(), client.id(), UUID.randomUUID(), redirect,
                PkceChallenge.s256Of(VERIFIER), ScopeSet.ALL, resource, resourceSent, T0, T0.plus(Duration.ofMinutes(10)),
                usedAt);
    }

    private AuthorizationCode code() {
        return code(Optional.of("https://app.example/cb"), SERVER, false, Optional.empty());
    }

    private AuthorizationCode.Presentation presented(String verifier, String redirect, String resource) {
        return new AuthorizationCode.Presentation(secret, verifier, redirect, resource);
    }

    @Test
    void redeemWhenEverythingMatchesThenAudienceIsCodeResource() {
        assertThat(code().redeem(client, presented(VERIFIER, "https://app.example/cb", null), SERVED, T0).value())
                .isEqualTo(SERVER);
    }

    @Test
    void redeemWhenSecretDiffersThenInvalidGrant() {
        AuthorizationCode.Presentation wrong = new AuthorizationCode.Presentation(
                new PrefixedSecret(secret.prefix(), "y".repeat(40)), VERIFIER, "https://app.example/cb", null);
        assertThat(code().redeem(client, wrong, SERVED, T0).error())
                .isEqualTo(new OAuthError.InvalidGrant("the authorization code is invalid"));
    }

    @Test
    void redeemWhenAnotherClientThenInvalidGrant() {
        assertThat(code().redeem(client("https://b.example/cb"), presented(VERIFIER, "https://app.example/cb", null), SERVED,
                T0).error()).isEqualTo(new OAuthError.InvalidGrant("the authorization code was issued to another client"));
    }

    @Test
    void redeemWhenUsedBeforeThenCodeReplayed() {
        AuthorizationCode used = code(Optional.empty(), SERVER, false, Optional.of(T0));
        assertThat(used.redeem(client, presented(VERIFIER, null, null), SERVED, T0).error())
                .isInstanceOf(OAuthError.CodeReplayed.class)
                .satisfies(e -> assertThat(e.code()).isEqualTo(OAuthErrorCode.INVALID_GRANT));
    }

    @Test
    void redeemWhenExpiredThenInvalidGrant() {
        assertThat(code().redeem(client, presented(VERIFIER, "https://app.example/cb", null), SERVED,
                T0.plus(Duration.ofMinutes(10))).error())
                .isEqualTo(new OAuthError.InvalidGrant("the authorization code has expired"));
    }

    @Test
    void redeemWhenRedirectUriDiffersFromAuthorizeThenInvalidGrant() {
        assertThat(code().redeem(client, presented(VERIFIER, "https://app.example/other", null), SERVED, T0).error())
                .isEqualTo(new OAuthError.InvalidGrant("redirect_uri must be the one sent to the authorization endpoint"));
        assertThat(code().redeem(client, presented(VERIFIER, null, null), SERVED, T0).isOk()).isFalse();
    }

    @Test
    void redeemWhenNoRedirectAtAuthorizeThenOnlyRegisteredOnesAccepted() {
        AuthorizationCode unbound = code(Optional.empty(), SERVER, false, Optional.empty());
        assertThat(unbound.redeem(client, presented(VERIFIER, "https://app.example/other", null), SERVED, T0).isOk()).isTrue();
        assertThat(unbound.redeem(client, presented(VERIFIER, null, null), SERVED, T0).isOk()).isTrue();
        assertThat(unbound.redeem(client, presented(VERIFIER, "https://evil.example/cb", null), SERVED, T0).error())
                .isEqualTo(new OAuthError.InvalidGrant("redirect_uri is not registered for this client"));
    }

    @Test
    void redeemWhenVerifierMismatchThenInvalidGrant() {
        assertThat(code().redeem(client, presented("w".repeat(43), "https://app.example/cb", null), SERVED, T0).error())
                .isEqualTo(new OAuthError.InvalidGrant("code_verifier does not match the code_challenge"));
    }

    @Test
    void redeemWhenResourceNarrowsUnsentResourceThenAudienceIsNarrowed() {
        assertThat(code().redeem(client, presented(VERIFIER, "https://app.example/cb", "https://auth.example/mcp"), SERVED, T0)
                .value()).isEqualTo(MCP);
    }

    @Test
    void redeemWhenResourceNotServedOrOutsideThenInvalidTarget() {
        OAuthError expected = new OAuthError.InvalidTarget("resource does not match the authorization request");
        assertThat(code().redeem(client, presented(VERIFIER, "https://app.example/cb", "https://auth.example/other"), SERVED,
                T0).error()).isEqualTo(expected);
        assertThat(code().redeem(client, presented(VERIFIER, "https://app.example/cb", "https://else.example/mcp"), SERVED,
                T0).error()).isEqualTo(expected);
        assertThat(code().redeem(client, presented(VERIFIER, "https://app.example/cb", "not a uri"), SERVED, T0).error())
                .isEqualTo(expected);
    }

    @Test
    void redeemWhenResourceSentAtAuthorizeThenOnlyThatResource() {
        AuthorizationCode bound = code(Optional.of("https://app.example/cb"), MCP, true, Optional.empty());
        assertThat(bound.redeem(client, presented(VERIFIER, "https://app.example/cb", "HTTPS://AUTH.example:443/mcp/"), SERVED,
                T0).value()).isEqualTo(MCP);
        assertThat(bound.redeem(client, presented(VERIFIER, "https://app.example/cb", "https://auth.example"), SERVED, T0)
                .error()).isInstanceOf(OAuthError.InvalidTarget.class);
    }
}

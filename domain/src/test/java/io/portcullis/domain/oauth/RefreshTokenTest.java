package io.portcullis.domain.oauth;

import static io.portcullis.domain.oauth.AuthorizationCodeTest.MCP;
import static io.portcullis.domain.oauth.AuthorizationCodeTest.SERVED;
import static io.portcullis.domain.oauth.AuthorizationCodeTest.SERVER;
import static io.portcullis.domain.oauth.AuthorizationCodeTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.domain.identity.ScopeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {
    private final PrefixedSecret secret = new PrefixedSecret("abcdefghij", "x".repeat(40));
    private final OAuthClient client = AuthorizationCodeTest.client("https://app.example/cb");
    private final Grant grant = new Grant(UUID.randomUUID(), client.id(), UUID.randomUUID(),
            ScopeSet.parseSpaceDelimited("user:read api_key:read"), SERVER, "codeprefix", T0);

    private RefreshToken token(Optional<Instant> rotatedAt) {
        return new RefreshToken(secret.prefix(), secret.digest(), grant.id(), T0, T0.plus(Duration.ofDays(30)), rotatedAt);
    }

    private RefreshToken.Presentation presented(String scope, String resource) {
        return new RefreshToken.Presentation(secret, scope, resource);
    }

    @Test
    void rotateWhenNothingNarrowedThenGrantScopeAndResource() {
        RefreshToken.Rotation rotation = token(Optional.empty()).rotate(client, grant, presented(null, null), SERVED, T0).value();
        assertThat(rotation.scope()).isEqualTo(grant.scope());
        assertThat(rotation.audience()).isEqualTo(SERVER);
    }

    @Test
    void rotateWhenSecretDiffersThenInvalidGrant() {
        RefreshToken.Presentation wrong = new RefreshToken.Presentation(new PrefixedSecret(secret.prefix(), "y".repeat(40)),
                null, null);
        assertThat(token(Optional.empty()).rotate(client, grant, wrong, SERVED, T0).error())
                .isEqualTo(new OAuthError.InvalidGrant("the refresh token is invalid or has been revoked"));
    }

    @Test
    void rotateWhenAnotherClientThenInvalidGrant() {
        assertThat(token(Optional.empty()).rotate(AuthorizationCodeTest.client("https://b.example/cb"), grant,
                presented(null, null), SERVED, T0).error())
                .isEqualTo(new OAuthError.InvalidGrant("the refresh token was issued to another client"));
    }

    @Test
    void rotateWhenRotatedBeforeThenRefreshTokenReused() {
        assertThat(token(Optional.of(T0)).rotate(client, grant, presented(null, null), SERVED, T0).error())
                .isEqualTo(new OAuthError.RefreshTokenReused());
    }

    @Test
    void rotateWhenExpiredThenInvalidGrant() {
        assertThat(token(Optional.empty()).rotate(client, grant, presented(null, null), SERVED, T0.plus(Duration.ofDays(30)))
                .error()).isEqualTo(new OAuthError.InvalidGrant("the refresh token has expired"));
    }

    @Test
    void rotateWhenScopeNarrowedThenNarrowScopeAndWhenWidenedThenInvalidScope() {
        RefreshToken token = token(Optional.empty());
        assertThat(token.rotate(client, grant, presented("user:read", null), SERVED, T0).value().scope().values())
                .containsExactly("user:read");
        assertThat(token.rotate(client, grant, presented("user:read api_key:create", null), SERVED, T0).error())
                .isEqualTo(new OAuthError.InvalidScope("a refresh may narrow the granted scope, never widen it"));
        assertThat(token.rotate(client, grant, presented("no such scope!", null), SERVED, T0).error())
                .isInstanceOf(OAuthError.InvalidScope.class);
    }

    @Test
    void rotateWhenResourceNarrowedThenNarrowAudienceAndWhenOutsideThenInvalidTarget() {
        RefreshToken token = token(Optional.empty());
        assertThat(token.rotate(client, grant, presented(null, "https://auth.example/mcp"), SERVED, T0).value().audience())
                .isEqualTo(MCP);
        OAuthError widen = new OAuthError.InvalidTarget("a refresh may narrow the resource, never widen it");
        assertThat(token.rotate(client, grant, presented(null, "https://else.example"), SERVED, T0).error()).isEqualTo(widen);
        assertThat(token.rotate(client, grant, presented(null, "https://auth.example/unserved"), SERVED, T0).error())
                .isEqualTo(widen);
    }
}

package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.FindOAuthAccessTokenUseCase.AccessTokenDetails;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenCommand;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.service.CredentialCache;
import io.portcullis.application.identity.service.OAuthAccessTokenService;
import io.portcullis.application.identity.service.RequestAuthenticationService;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Identity's side of introspection and of client_credentials at the API: tokens found for the client they belong to. */
class OAuthAccessTokenLookupTest {
    static final ResourceUri API = ResourceUri.parse("https://auth.example");
    final MutableClock clock = MutableClock.startingAt("2026-06-01T08:00:00Z");
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
    final CredentialCache cache = new CredentialCache(10);
    final OAuthAccessTokenService tokens = new OAuthAccessTokenService(keys, new ApiKeyFactory(new SeededRandom(5)), cache,
            clock);
    final UUID client = UUID.fromString("00000000-0000-4000-8000-00000000000c");
    final UUID otherClient = UUID.fromString("00000000-0000-4000-8000-00000000000d");
    final ScopeSet scope = ScopeSet.of(List.of("oauth2_app:read"));

    @Test
    void findIssuedToWhenUsersTokenThenDetailsForItsClientOnlyUntilExpiry() {
        User alice = Fixtures.user("alice", Role.MEMBER, clock.instant());
        users.insert(alice);
        String token = tokens.issue(IssueOAuthAccessTokenCommand.forUser(alice.id(), UUID.randomUUID(), client, scope, API,
                Duration.ofHours(1)));
        Optional<AccessTokenDetails> found = tokens.findIssuedTo(token, client);
        assertThat(found).isPresent();
        assertThat(found.get().userId()).contains(alice.id());
        assertThat(found.get().username()).contains("alice");
        assertThat(new Principal(alice, null).getName()).isEqualTo("alice");
        assertThat(found.get().audience()).isEqualTo(API);
        assertThat(found.get().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(tokens.findIssuedTo(token, otherClient)).isEmpty();
        assertThat(tokens.findIssuedTo(token.substring(0, token.length() - 1) + "x", client)).isEmpty();
        assertThat(tokens.findIssuedTo("garbage", client)).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(tokens.findIssuedTo(token, client)).isEmpty();
    }

    @Test
    void clientTokenWhenAuthenticatedAtTheApiThenAPrincipalWithoutUserAndRevocableByItsClientOnly() {
        String token = tokens.issue(IssueOAuthAccessTokenCommand.forClient(client, scope, API, Duration.ofHours(1)));
        assertThat(tokens.findIssuedTo(token, client).orElseThrow().userId()).isEmpty();
        RequestAuthenticationService authentication = new RequestAuthenticationService(keys, users,
                new IdentityPolicy(Duration.ofHours(24), true, Duration.ofDays(7), Duration.ofDays(365)), cache, clock);
        Principal principal = authentication.authenticate(token, API).value();
        assertThat(principal.isClient()).isTrue();
        assertThat(principal.isOwner()).isFalse();
        assertThat(principal.clientId()).contains(client);
        assertThat(principal.getName()).isEqualTo(client.toString());
        assertThat(authentication.authenticate(token, ResourceUri.parse("https://elsewhere.example")).isOk()).isFalse();
        tokens.revokeClientToken(token, otherClient);
        assertThat(tokens.findIssuedTo(token, client)).isPresent();
        tokens.revokeClientToken(token, client);
        assertThat(tokens.findIssuedTo(token, client)).isEmpty();
        assertThat(authentication.authenticate(token, API).isOk()).isFalse();
    }
}

package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import io.portcullis.application.oauth.port.out.SigningKeyRepository;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.AccessTokenFormat;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.oauth.ResourceAccessToken;
import io.portcullis.domain.oauth.SigningKey;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the stores of PRODUCT §7 must do, including cascades; run on the in-memory and PostgreSQL adapters. */
public abstract class ResourceRepositoriesContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ResourceUri FILES = ResourceUri.parse("https://files.example/mcp");

    /** The stores under test, sharing one database. */
    public record Stores(UserRepository users, OAuthClientRepository clients, GrantRepository grants,
            RegisteredResourceRepository resources, ResourceAccessTokenRepository tokens, SigningKeyRepository keys) {
    }

    protected abstract Stores newStores();

    private final SeededRandom random = new SeededRandom(System.nanoTime());
    private Stores s;
    private User alice;
    private OAuthClient introspector;
    private OAuthClient app;

    @BeforeEach
    void setUp() {
        s = newStores();
        alice = Fixtures.user("alice", Role.MEMBER, T0);
        s.users().insert(alice);
        introspector = new OAuthClient(UUID.randomUUID(), new ClientMetadata("Introspection", List.of(),
                "client_secret_basic", List.of(), List.of(), Optional.empty(), null, null, null, null, List.of(), null, null,
                null), Optional.empty(), false, T0, T0);
        s.clients().insert(introspector);
        app = OAuthRepositoriesContract.client(UUID.randomUUID(), null, false);
        s.clients().insert(app);
    }

    private RegisteredResource resource(ResourceUri uri, UUID introspectionClient) {
        return new RegisteredResource(UUID.randomUUID(), uri, "Files", List.of("files:read", "files:write"),
                Map.of("files:read", "Read files"), AccessTokenFormat.JWT, Duration.ofMinutes(5), introspectionClient, T0, T0);
    }

    private ResourceAccessToken token(Optional<Grant> grant, AccessTokenFormat format) {
        Optional<PrefixedSecret> p = format == AccessTokenFormat.OPAQUE ? Optional.of(PrefixedSecret.mint(random))
                : Optional.empty();
        return new ResourceAccessToken(UUID.randomUUID(), format, p.map(PrefixedSecret::prefix),
                p.map(PrefixedSecret::digest), app.id(), grant.map(Grant::userId), grant.map(Grant::id), FILES,
                ScopeSet.of(List.of("files:read")), T0, T0.plusSeconds(300));
    }

    @Test
    void resourceWhenStoredThenEveryFieldSurvivesAndUriIsUnique() {
        RegisteredResource r = resource(FILES, introspector.id());
        assertThat(s.resources().insert(r)).isTrue();
        assertThat(s.resources().findById(r.id())).contains(r);
        assertThat(s.resources().findByResource(FILES)).contains(r);
        OAuthClient second = OAuthRepositoriesContract.client(UUID.randomUUID(), null, false);
        s.clients().insert(second);
        assertThat(s.resources().insert(resource(FILES, second.id()))).isFalse();
        RegisteredResource other = resource(ResourceUri.parse("https://other.example"), second.id());
        assertThat(s.resources().insert(other)).isTrue();
        assertThat(s.resources().list()).containsExactlyInAnyOrder(r, other);
        RegisteredResource moved = new RegisteredResource(other.id(), FILES, "X", List.of("x"), Map.of(),
                AccessTokenFormat.OPAQUE, Duration.ofMinutes(1), second.id(), T0, T0.plusSeconds(1));
        assertThat(s.resources().update(moved)).isFalse();
        RegisteredResource renamed = new RegisteredResource(other.id(), other.resource(), "X", List.of("x"), Map.of("x", "Ex"),
                AccessTokenFormat.OPAQUE, Duration.ofMinutes(1), second.id(), T0, T0.plusSeconds(1));
        assertThat(s.resources().update(renamed)).isTrue();
        assertThat(s.resources().findById(other.id())).contains(renamed);
        assertThat(s.resources().delete(other.id())).isTrue();
        assertThat(s.resources().delete(other.id())).isFalse();
    }

    @Test
    void tokenWhenStoredThenFoundByIdOrPrefixAndGoesWithItsGrant() {
        Grant g = new Grant(UUID.randomUUID(), app.id(), alice.id(), ScopeSet.of(List.of("files:read")), FILES, "code000001", T0);
        s.grants().insert(g);
        ResourceAccessToken jwt = token(Optional.of(g), AccessTokenFormat.JWT);
        ResourceAccessToken opaque = token(Optional.empty(), AccessTokenFormat.OPAQUE);
        s.tokens().insert(jwt);
        s.tokens().insert(opaque);
        assertThat(s.tokens().findById(jwt.id())).contains(jwt);
        assertThat(s.tokens().findByPrefix(opaque.prefix().orElseThrow())).contains(opaque);
        s.grants().delete(g.id());
        assertThat(s.tokens().findById(jwt.id())).isEmpty();
        assertThat(s.tokens().delete(opaque.id())).isTrue();
        assertThat(s.tokens().findById(opaque.id())).isEmpty();
    }

    @Test
    void deleteExpiredBeforeThenOnlyExpiredTokensGo() {
        ResourceAccessToken live = token(Optional.empty(), AccessTokenFormat.JWT);
        ResourceAccessToken old = new ResourceAccessToken(UUID.randomUUID(), AccessTokenFormat.JWT, Optional.empty(),
                Optional.empty(), app.id(), Optional.empty(), Optional.empty(), FILES, ScopeSet.of(List.of("files:read")),
                T0.minusSeconds(600), T0.minusSeconds(1));
        s.tokens().insert(live);
        s.tokens().insert(old);
        assertThat(s.tokens().deleteExpiredBefore(T0)).isEqualTo(1);
        assertThat(s.tokens().findById(old.id())).isEmpty();
        assertThat(s.tokens().findById(live.id())).contains(live);
    }

    @Test
    void deleteIssuedForThenTokensAndGrantsOfThatAudienceGo() {
        Grant g = new Grant(UUID.randomUUID(), app.id(), alice.id(), ScopeSet.of(List.of("files:read")), FILES, "code000002", T0);
        s.grants().insert(g);
        ResourceAccessToken clientToken = token(Optional.empty(), AccessTokenFormat.JWT);
        s.tokens().insert(clientToken);
        assertThat(s.tokens().deleteIssuedFor(FILES)).isEqualTo(2);
        assertThat(s.grants().findById(g.id())).isEmpty();
        assertThat(s.tokens().findById(clientToken.id())).isEmpty();
    }

    @Test
    void signingKeysWhenFirstInsertedTwiceThenOnlyOneAndRetirementIsSaved() {
        SigningKey first = new SigningKey("kid-1", "{\"kid\":\"kid-1\"}", "{\"d\":\"secret\"}", T0, T0, Optional.empty());
        assertThat(s.keys().insertFirst(first)).isTrue();
        assertThat(s.keys().insertFirst(new SigningKey("kid-2", "{}", "{}", T0, T0, Optional.empty()))).isFalse();
        assertThat(s.keys().list()).containsExactly(first);
        SigningKey next = new SigningKey("kid-3", "{\"kid\":\"kid-3\"}", "{\"d\":\"other\"}", T0.plusSeconds(1),
                T0.plusSeconds(601), Optional.empty());
        s.keys().save(List.of(first.retiringAt(T0.plus(Duration.ofDays(1))), next));
        assertThat(s.keys().list()).containsExactly(first.retiringAt(T0.plus(Duration.ofDays(1))), next);
    }
}

package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RefreshToken;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the OAuth stores must do, including the cascades; run on the in-memory and PostgreSQL adapters. */
public abstract class OAuthRepositoriesContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ResourceUri RESOURCE = ResourceUri.parse("https://auth.example/mcp");

    /** The stores under test, sharing one database. */
    public record Stores(UserRepository users, ApiKeyRepository keys, OAuthClientRepository clients,
            ClientSecretRepository secrets, AuthorizationCodeRepository codes, GrantRepository grants,
            RefreshTokenRepository refreshTokens) {
    }

    protected abstract Stores newStores();

    private final SeededRandom random = new SeededRandom(System.nanoTime());
    private Stores s;
    private User alice;

    @BeforeEach
    void setUp() {
        s = newStores();
        alice = Fixtures.user("alice", Role.MEMBER, T0);
        s.users().insert(alice);
    }

    static OAuthClient client(UUID id, String scope, boolean withToken) {
        ClientMetadata metadata = ClientMetadata.validate(new ClientMetadata.Raw("Demo", List.of("https://app.example/cb",
                "http://127.0.0.1/callback"), "client_secret_post", null, null, scope, "https://app.example", null, null, null,
                List.of("ops@app.example"), "demo", "1.0", "https://app.example/icon.png")).value();
        return new OAuthClient(id, metadata, withToken ? Optional.of(SecretDigest.of("reg")) : Optional.empty(), withToken, T0, T0);
    }

    private AuthorizationCode code(UUID clientId) {
        PrefixedSecret p = PrefixedSecret.mint(random);
        return new AuthorizationCode(p.prefix(), p.digest(), clientId, alice.id(), Optional.of("https://app.example/cb"),
                PkceChallenge.s256Of("v".repeat(43)), ScopeSet.of(List.of("user:read")), RESOURCE, true, T0,
                T0.plus(Duration.ofMinutes(10)), Optional.empty());
    }

    private Grant grant(UUID clientId, String codePrefix) {
        return new Grant(UUID.randomUUID(), clientId, alice.id(), ScopeSet.of(List.of("user:read", "api_key:*")), RESOURCE,
                codePrefix, T0);
    }

    @Test
    void clientWhenStoredThenEveryFieldSurvivesAndUpdateChangesMetadataOnly() {
        OAuthClient withScope = client(UUID.randomUUID(), "user:read api_key:*", true);
        OAuthClient withoutScope = client(UUID.randomUUID(), null, false);
        s.clients().insert(withScope);
        s.clients().insert(withoutScope);
        assertThat(s.clients().findById(withScope.id())).contains(withScope);
        assertThat(s.clients().findById(withoutScope.id())).contains(withoutScope);
        assertThat(s.clients().list()).hasSize(2);
        OAuthClient changed = client(withScope.id(), "user:read", false).withMetadata(client(withScope.id(), "user:read", false)
                .metadata(), T0.plusSeconds(5));
        s.clients().update(changed);
        OAuthClient stored = s.clients().findById(withScope.id()).orElseThrow();
        assertThat(stored.metadata()).isEqualTo(changed.metadata());
        assertThat(stored.registrationTokenDigest()).isEqualTo(withScope.registrationTokenDigest());
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void redeemWhenCalledTwiceThenOnlyFirstStoresTheGrantAndItsRefreshToken() {
        OAuthClient c = client(UUID.randomUUID(), null, false);
        s.clients().insert(c);
        AuthorizationCode code = code(c.id());
        s.codes().insert(code);
        assertThat(s.codes().findByPrefix(code.prefix())).contains(code);
        assertThat(s.codes().findLocking(code.prefix())).contains(code);
        Grant g = new Grant(UUID.randomUUID(), c.id(), alice.id(), code.scope(), code.resource(), code.prefix(), T0.plusSeconds(1));
        RefreshToken first = unrotated(g.id(), T0.plusSeconds(1));
        assertThat(s.codes().redeem(code.prefix(), T0.plusSeconds(1), g, Optional.of(first))).isTrue();
        assertThat(s.grants().findById(g.id())).contains(g);
        assertThat(s.refreshTokens().findByPrefix(first.prefix())).contains(first);
        Grant second = new Grant(UUID.randomUUID(), c.id(), alice.id(), code.scope(), code.resource(), code.prefix(), T0);
        assertThat(s.codes().redeem(code.prefix(), T0.plusSeconds(2), second, Optional.empty())).isFalse();
        assertThat(s.grants().findById(second.id())).isEmpty();
        assertThat(s.codes().findByPrefix(code.prefix()).orElseThrow().usedAt()).contains(T0.plusSeconds(1));
        assertThat(s.codes().redeem("nonexisten", T0, second, Optional.empty())).isFalse();
        assertThat(s.codes().findLocking("nonexisten")).isEmpty();
    }

    @Test
    void redeemWhenNoRefreshTokenAndEmptyScopeThenGrantAlone() {
        OAuthClient c = client(UUID.randomUUID(), null, false);
        s.clients().insert(c);
        AuthorizationCode code = code(c.id());
        s.codes().insert(code);
        Grant g = new Grant(UUID.randomUUID(), c.id(), alice.id(), ScopeSet.of(List.of()), code.resource(), code.prefix(), T0);
        assertThat(s.codes().redeem(code.prefix(), T0, g, Optional.empty())).isTrue();
        assertThat(s.grants().findLocking(g.id())).contains(g);
    }

    private RefreshToken unrotated(UUID grantId, Instant createdAt) {
        PrefixedSecret p = PrefixedSecret.mint(random);
        return new RefreshToken(p.prefix(), p.digest(), grantId, createdAt, createdAt.plus(Duration.ofDays(30)), Optional.empty());
    }

    @Test
    void rotateWhenCalledTwiceThenOnlyFirstStoresTheSuccessor() {
        OAuthClient c = client(UUID.randomUUID(), null, false);
        s.clients().insert(c);
        Grant g = grant(c.id(), "code000002");
        s.grants().insert(g);
        RefreshToken token = unrotated(g.id(), T0);
        s.refreshTokens().insert(token);
        assertThat(s.refreshTokens().findLockingGrant(token.prefix())).contains(new RefreshTokenRepository.OfGrant(token, g));
        assertThat(s.refreshTokens().findLockingGrant("nonexisten")).isEmpty();
        RefreshToken next = unrotated(g.id(), T0.plusSeconds(1));
        assertThat(s.refreshTokens().rotate(token.prefix(), T0.plusSeconds(1), next)).isTrue();
        RefreshToken other = unrotated(g.id(), T0.plusSeconds(2));
        assertThat(s.refreshTokens().rotate(token.prefix(), T0.plusSeconds(2), other)).isFalse();
        assertThat(s.refreshTokens().findByPrefix(token.prefix()).orElseThrow().rotatedAt()).contains(T0.plusSeconds(1));
        assertThat(s.refreshTokens().findByPrefix(next.prefix())).contains(next);
        assertThat(s.refreshTokens().findByPrefix(other.prefix())).isEmpty();
        assertThat(s.refreshTokens().rotate("nonexisten", T0, other)).isFalse();
        s.grants().delete(g.id());
        assertThat(s.refreshTokens().findLockingGrant(next.prefix())).isEmpty();
        assertThat(s.grants().findLocking(g.id())).isEmpty();
    }

    @Test
    void rotateLockingGrantWhenCalledTwiceThenOnlyFirstRotatesAndUndoRevertsIt() {
        OAuthClient c = client(UUID.randomUUID(), null, false);
        s.clients().insert(c);
        Grant g = grant(c.id(), "code000003");
        s.grants().insert(g);
        RefreshToken token = unrotated(g.id(), T0);
        s.refreshTokens().insert(token);
        RefreshToken next = unrotated(g.id(), T0.plusSeconds(1));
        RefreshTokenRepository.Successor successor = new RefreshTokenRepository.Successor(next.prefix(), next.digest(),
                next.expiresAt());
        assertThat(s.refreshTokens().rotateLockingGrant(token.prefix(), T0.plusSeconds(1), successor))
                .contains(new RefreshTokenRepository.OfGrant(token, g));
        assertThat(s.refreshTokens().findByPrefix(next.prefix())).contains(next);
        assertThat(s.refreshTokens().findByPrefix(token.prefix()).orElseThrow().rotatedAt()).contains(T0.plusSeconds(1));
        RefreshToken other = unrotated(g.id(), T0.plusSeconds(2));
        RefreshTokenRepository.OfGrant again = s.refreshTokens().rotateLockingGrant(token.prefix(), T0.plusSeconds(2),
                new RefreshTokenRepository.Successor(other.prefix(), other.digest(), other.expiresAt())).orElseThrow();
        assertThat(again.token().rotatedAt()).isPresent();
        assertThat(again.grant()).isEqualTo(g);
        assertThat(s.refreshTokens().findByPrefix(other.prefix())).isEmpty();
        s.refreshTokens().undoRotation(token.prefix(), next.prefix());
        assertThat(s.refreshTokens().findByPrefix(token.prefix())).contains(token);
        assertThat(s.refreshTokens().findByPrefix(next.prefix())).isEmpty();
        assertThat(s.refreshTokens().rotateLockingGrant("nonexisten", T0, successor)).isEmpty();
        s.grants().delete(g.id());
        assertThat(s.refreshTokens().rotateLockingGrant(token.prefix(), T0, successor)).isEmpty();
    }

    @Test
    void grantWhenDeletedThenItsRefreshAndAccessTokensGo() {
        OAuthClient c = client(UUID.randomUUID(), null, false);
        s.clients().insert(c);
        Grant g = grant(c.id(), "code000001");
        s.grants().insert(g);
        PrefixedSecret r = PrefixedSecret.mint(random);
        RefreshToken refresh = new RefreshToken(r.prefix(), r.digest(), g.id(), T0, T0.plus(Duration.ofDays(30)), Optional.empty());
        s.refreshTokens().insert(refresh);
        IssuedApiKey access = new ApiKeyFactory(random).mintAccessToken(alice.id(), T0, Duration.ofHours(1), g.scope(), RESOURCE, g.id());
        s.keys().insert(access.key());
        assertThat(s.keys().findById(access.key().id()).orElseThrow().grantId()).contains(g.id());
        s.grants().deleteByCodePrefix("code000001");
        assertThat(s.grants().findById(g.id())).isEmpty();
        assertThat(s.refreshTokens().findByPrefix(r.prefix())).isEmpty();
        assertThat(s.keys().findById(access.key().id())).isEmpty();
    }

    @Test
    void clientWhenDeletedThenSecretsCodesAndGrantsGo() {
        OAuthClient c = client(UUID.randomUUID(), null, false);
        s.clients().insert(c);
        PrefixedSecret p = PrefixedSecret.mint(random);
        ClientSecret secret = new ClientSecret(UUID.randomUUID(), c.id(), p.prefix(), p.digest(), "abcdef", T0, null);
        s.secrets().insert(secret);
        s.secrets().touch(secret.id(), T0.plusSeconds(9));
        assertThat(s.secrets().findByPrefix(p.prefix()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(9));
        AuthorizationCode code = code(c.id());
        s.codes().insert(code);
        Grant g = grant(c.id(), code.prefix());
        s.grants().insert(g);
        assertThat(s.clients().delete(c.id())).isTrue();
        assertThat(s.secrets().listByClient(c.id())).isEmpty();
        assertThat(s.codes().findByPrefix(code.prefix())).isEmpty();
        assertThat(s.grants().findById(g.id())).isEmpty();
        assertThat(s.clients().delete(c.id())).isFalse();
    }

    @Test
    void grantsWhenListedAndDeletedByUserAndClientThenCountsMatch() {
        OAuthClient a = client(UUID.randomUUID(), null, false);
        OAuthClient b = client(UUID.randomUUID(), null, false);
        s.clients().insert(a);
        s.clients().insert(b);
        s.grants().insert(grant(a.id(), "codeA00001"));
        s.grants().insert(grant(a.id(), "codeA00002"));
        s.grants().insert(grant(b.id(), "codeB00001"));
        assertThat(s.grants().listByUser(alice.id())).hasSize(3);
        assertThat(s.grants().deleteByUserAndClient(alice.id(), a.id())).isEqualTo(2);
        assertThat(s.grants().listByUser(alice.id())).extracting(Grant::clientId).containsExactly(b.id());
    }

    @Test
    void secretsWhenDeletedOnlyForOwnClient() {
        OAuthClient a = client(UUID.randomUUID(), null, false);
        OAuthClient b = client(UUID.randomUUID(), null, false);
        s.clients().insert(a);
        s.clients().insert(b);
        PrefixedSecret p = PrefixedSecret.mint(random);
        ClientSecret secret = new ClientSecret(UUID.randomUUID(), a.id(), p.prefix(), p.digest(), "abcdef", T0, null);
        s.secrets().insert(secret);
        assertThat(s.secrets().delete(b.id(), secret.id())).isFalse();
        assertThat(s.secrets().listByClient(a.id())).containsExactly(secret);
        assertThat(s.secrets().delete(a.id(), secret.id())).isTrue();
    }

    @Test
    void purgeWhenExpiredThenOnlyDeadRowsGoAndExhaustedGrantsFollow() {
        OAuthClient c = client(UUID.randomUUID(), null, false);
        s.clients().insert(c);
        AuthorizationCode code = code(c.id());
        s.codes().insert(code);
        Grant dead = grant(c.id(), "deadgrant1");
        Grant live = grant(c.id(), "livegrant1");
        s.grants().insert(dead);
        s.grants().insert(live);
        PrefixedSecret oldToken = PrefixedSecret.mint(random);
        s.refreshTokens().insert(new RefreshToken(oldToken.prefix(), oldToken.digest(), dead.id(), T0, T0.plusSeconds(60),
                Optional.empty()));
        PrefixedSecret newToken = PrefixedSecret.mint(random);
        s.refreshTokens().insert(new RefreshToken(newToken.prefix(), newToken.digest(), live.id(), T0,
                T0.plus(Duration.ofDays(30)), Optional.of(T0)));
        IssuedApiKey expiredKey = new ApiKeyFactory(random).mintAccessToken(alice.id(), T0, Duration.ofHours(1), live.scope(),
                RESOURCE, live.id());
        s.keys().insert(expiredKey.key());
        Instant cutoff = T0.plus(Duration.ofDays(2));
        assertThat(s.codes().deleteExpiredBefore(cutoff)).isEqualTo(1);
        assertThat(s.refreshTokens().deleteExpiredBefore(cutoff)).isEqualTo(1);
        assertThat(s.keys().deleteExpiredBefore(cutoff)).isEqualTo(1);
        assertThat(s.grants().deleteExhaustedBefore(cutoff)).isEqualTo(1);
        assertThat(s.grants().findById(dead.id())).isEmpty();
        assertThat(s.grants().findById(live.id())).isPresent();
        assertThat(s.refreshTokens().findByPrefix(newToken.prefix())).isPresent();
    }

    @Test
    void purgeClientsWhenSelfRegisteredUnusedAndOldThenOnlyThoseGo() {
        OAuthClient unusedDynamic = client(UUID.randomUUID(), null, true);
        OAuthClient usedDynamic = client(UUID.randomUUID(), null, true);
        OAuthClient managed = client(UUID.randomUUID(), null, false);
        s.clients().insert(unusedDynamic);
        s.clients().insert(usedDynamic);
        s.clients().insert(managed);
        s.grants().insert(grant(usedDynamic.id(), "usedgrant1"));
        assertThat(s.clients().deleteUnusedSelfRegisteredBefore(T0)).isZero();
        assertThat(s.clients().deleteUnusedSelfRegisteredBefore(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(s.clients().findById(unusedDynamic.id())).isEmpty();
        assertThat(s.clients().findById(usedDynamic.id())).isPresent();
        assertThat(s.clients().findById(managed.id())).isPresent();
    }
}

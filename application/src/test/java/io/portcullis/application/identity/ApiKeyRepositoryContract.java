package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyRepository} must do; run against the in-memory and the PostgreSQL adapter. */
public abstract class ApiKeyRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected UserRepository users;
    protected ApiKeyRepository keys;
    private final ApiKeyFactory factory = new ApiKeyFactory(new SeededRandom(System.nanoTime()));
    private User alice;

    protected abstract UserRepository newUserRepository();

    protected abstract ApiKeyRepository newRepository(UserRepository users);

    @BeforeEach
    void setUp() {
        users = newUserRepository();
        keys = newRepository(users);
        alice = Fixtures.user("alice", Role.OWNER, T0);
        users.insert(alice);
    }

    private IssuedApiKey token(String name) {
        return factory.mint(alice.id(), LoginType.TOKEN, T0, Duration.ofDays(7), name,
                ScopeSet.of(List.of("user:read", "api_key:*")), new AllowList(List.of("user:*", "api_key:abc")),
                Optional.empty());
    }

    @Test
    void insertWhenReadBackThenEveryFieldSurvives() {
        IssuedApiKey issued = factory.mint(alice.id(), LoginType.OAUTH2_PROVIDER_APP, T0, Duration.ofHours(1), null,
                ScopeSet.of(List.of("user:read")), AllowList.ANY, Optional.of(ResourceUri.parse("https://h.example/mcp")));
        assertThat(keys.insert(issued.key())).isTrue();
        ApiKey stored = keys.findById(issued.key().id()).orElseThrow();
        assertThat(stored).isEqualTo(issued.key());
        assertThat(stored.secretDigest().matches(issued.plaintext().substring(11))).isTrue();
    }

    @Test
    void insertAccessTokenWhenOutsideATransactionThenStoredAtOnceWithEveryField() {
        IssuedApiKey issued = factory.mint(alice.id(), LoginType.OAUTH2_PROVIDER_APP, T0, Duration.ofHours(1), null,
                ScopeSet.of(List.of("mcp_gateway:use")), AllowList.ANY, Optional.of(ResourceUri.parse("https://h.example/mcp")));
        keys.insertAccessToken(issued.key());
        ApiKeyRepository.KeyWithOwner both = keys.findWithOwner(issued.key().id()).orElseThrow();
        assertThat(both.key()).isEqualTo(issued.key());
        assertThat(both.owner()).isEqualTo(alice);
    }

    @Test
    void insertAccessTokenWhenTheKeyIsNotAnAccessTokenThenRefusedAndNothingStored() {
        IssuedApiKey named = token("ci");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.insertAccessToken(named.key()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.findById(named.key().id())).isEmpty();
    }

    @Test
    void findWithOwnerWhenKeyExistsThenKeyAndOwnerInOneRead() {
        IssuedApiKey issued = token("ci");
        keys.insert(issued.key());
        ApiKeyRepository.KeyWithOwner both = keys.findWithOwner(issued.key().id()).orElseThrow();
        assertThat(both.key()).isEqualTo(issued.key());
        assertThat(both.owner()).isEqualTo(alice);
        assertThat(keys.findWithOwner("0000000000")).isEmpty();
    }

    @Test
    void insertWhenTokenNameTakenForSameUserThenRefused() {
        assertThat(keys.insert(token("ci").key())).isTrue();
        assertThat(keys.insert(token("ci").key())).isFalse();
        assertThat(keys.listByUser(alice.id(), LoginType.TOKEN)).hasSize(1);
    }

    @Test
    void listByUserWhenMixedTypesThenOnlyThatType() {
        keys.insert(token("a").key());
        keys.insert(factory.mint(alice.id(), LoginType.PASSWORD, T0, Duration.ofHours(24), null, ScopeSet.ALL,
                AllowList.ANY, Optional.empty()).key());
        assertThat(keys.listByUser(alice.id(), LoginType.TOKEN)).extracting(ApiKey::tokenName).containsExactly("a");
        assertThat(keys.listByUser(alice.id(), LoginType.PASSWORD)).hasSize(1);
    }

    @Test
    void recordUseWhenCalledThenLastUsedSetAndExpiryNeverShrinks() {
        IssuedApiKey issued = token("ci");
        keys.insert(issued.key());
        Instant later = T0.plus(Duration.ofDays(30));
        keys.recordUse(issued.key().id(), T0.plusSeconds(10), later);
        ApiKey stored = keys.findById(issued.key().id()).orElseThrow();
        assertThat(stored.lastUsed()).isEqualTo(T0.plusSeconds(10));
        assertThat(stored.expiresAt()).isEqualTo(later);
        keys.recordUse(issued.key().id(), T0.plusSeconds(20), T0);
        assertThat(keys.findById(issued.key().id()).orElseThrow().expiresAt()).isEqualTo(later);
    }

    @Test
    void deleteSessionsWhenCalledThenOnlyTheUsersSessionsGoButTheOneKept() {
        IssuedApiKey api = token("ci");
        keys.insert(api.key());
        List<IssuedApiKey> signIns = List.of(LoginType.PASSWORD, LoginType.OIDC, LoginType.PASSWORD).stream()
                .map(type -> factory.mint(alice.id(), type, T0, Duration.ofHours(24), null, ScopeSet.ALL, AllowList.ANY,
                        Optional.empty()))
                .toList();
        signIns.forEach(s -> keys.insert(s.key()));
        User bob = Fixtures.user("bob", Role.MEMBER, T0);
        users.insert(bob);
        IssuedApiKey bobs = factory.mint(bob.id(), LoginType.PASSWORD, T0, Duration.ofHours(24), null, ScopeSet.ALL,
                AllowList.ANY, Optional.empty());
        keys.insert(bobs.key());
        assertThat(keys.deleteSessions(alice.id(), signIns.get(0).key().id())).isEqualTo(2);
        assertThat(keys.findById(signIns.get(0).key().id())).isPresent();
        assertThat(keys.findById(signIns.get(1).key().id())).isEmpty();
        assertThat(keys.findById(api.key().id())).isPresent();
        assertThat(keys.findById(bobs.key().id())).isPresent();
        assertThat(keys.deleteSessions(alice.id(), null)).isEqualTo(1);
        assertThat(keys.listByUser(alice.id(), LoginType.PASSWORD)).isEmpty();
    }

    @Test
    void deleteWhenPresentThenGoneAndDeleteByUserRemovesAll() {
        IssuedApiKey a = token("a");
        IssuedApiKey b = token("b");
        keys.insert(a.key());
        keys.insert(b.key());
        assertThat(keys.delete(a.key().id())).isTrue();
        assertThat(keys.delete(a.key().id())).isFalse();
        keys.deleteByUser(alice.id());
        assertThat(keys.findById(b.key().id())).isEmpty();
    }
}

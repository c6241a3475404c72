package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserRepository} must do; run against the in-memory and the PostgreSQL adapter. */
public abstract class UserRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected UserRepository users;

    protected abstract UserRepository newRepository();

    @BeforeEach
    void setUp() {
        users = newRepository();
    }

    @Test
    void insertFirstWhenEmptyThenStoredAndSecondRefused() {
        assertThat(users.any()).isFalse();
        assertThat(users.insertFirst(Fixtures.user("alice", Role.OWNER, T0))).isTrue();
        assertThat(users.any()).isTrue();
        assertThat(users.insertFirst(Fixtures.user("bob", Role.OWNER, T0))).isFalse();
        assertThat(users.list()).extracting(u -> u.username().value()).containsExactly("alice");
    }

    @Test
    void insertWhenEmailOrUsernameTakenThenRefusedAndOriginalKept() {
        User alice = Fixtures.user("alice", Role.OWNER, T0);
        assertThat(users.insert(alice)).isTrue();
        User sameEmail = new User(UUID.randomUUID(), new Email("ALICE@example.com"), new Username("other"), "h",
                Role.MEMBER, UserStatus.ACTIVE, T0, null);
        User sameName = new User(UUID.randomUUID(), new Email("x@example.com"), new Username("alice"), "h",
                Role.MEMBER, UserStatus.ACTIVE, T0, null);
        assertThat(users.insert(sameEmail)).isFalse();
        assertThat(users.insert(sameName)).isFalse();
        assertThat(users.findById(alice.id())).contains(alice);
    }

    @Test
    void updateProfileWhenFreeThenStoredAndWhenTakenByAnotherThenRefusedAndNothingChanged() {
        User alice = Fixtures.user("alice", Role.OWNER, T0);
        User bob = Fixtures.user("bob", Role.MEMBER, T0);
        users.insert(alice);
        users.insert(bob);
        assertThat(users.updateProfile(bob.id(), new Username("robert"), new Email("Robert@Example.com"))).isTrue();
        assertThat(users.findByUsername(new Username("robert")).orElseThrow().email().value()).isEqualTo("robert@example.com");
        assertThat(users.findByUsername(new Username("bob"))).isEmpty();
        assertThat(users.updateProfile(bob.id(), new Username("alice"), new Email("robert@example.com"))).isFalse();
        assertThat(users.updateProfile(bob.id(), new Username("robert"), new Email("ALICE@example.com"))).isFalse();
        assertThat(users.findById(bob.id()).orElseThrow().username().value()).isEqualTo("robert");
        assertThat(users.findById(alice.id())).contains(alice);
        // the user's own current values are not a conflict
        assertThat(users.updateProfile(bob.id(), new Username("robert"), new Email("robert@example.com"))).isTrue();
    }

    @Test
    void findWhenByEmailUsernameOrIdThenSameUser() {
        User bob = Fixtures.user("bob", Role.MEMBER, T0);
        users.insert(bob);
        assertThat(users.findByEmail(new Email("BOB@example.com"))).contains(bob);
        assertThat(users.findByUsername(new Username("bob"))).contains(bob);
        assertThat(users.findById(bob.id())).contains(bob);
        assertThat(users.findById(UUID.randomUUID())).isEmpty();
        assertThat(users.findByUsername(new Username("nobody"))).isEmpty();
    }

    @Test
    void updateStatusAndTouchWhenCalledThenPersisted() {
        User bob = Fixtures.user("bob", Role.MEMBER, T0);
        users.insert(bob);
        users.updateStatus(bob.id(), UserStatus.SUSPENDED);
        users.touchLastSeen(bob.id(), T0.plusSeconds(60));
        User stored = users.findById(bob.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(UserStatus.SUSPENDED);
        assertThat(stored.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void listWhenSeveralThenOrderedByCreation() {
        users.insert(Fixtures.user("zed", Role.MEMBER, T0));
        users.insert(Fixtures.user("amy", Role.MEMBER, T0.plusSeconds(5)));
        assertThat(users.list()).extracting(u -> u.username().value()).containsExactly("zed", "amy");
    }

    @Test
    void roleAndPasswordAndDeleteWhenCalledThenPersistedAndActiveOwnersCounted() {
        User amy = Fixtures.user("amy", Role.OWNER, T0);
        User bob = Fixtures.user("bob", Role.MEMBER, T0.plusSeconds(1));
        users.insert(amy);
        users.insert(bob);
        assertThat(users.countActiveOwners()).isEqualTo(1);
        users.updateRole(bob.id(), Role.OWNER);
        users.updatePassword(bob.id(), "new-hash");
        users.lockOwnership();
        assertThat(users.countActiveOwners()).isEqualTo(2);
        users.updateStatus(amy.id(), UserStatus.SUSPENDED);
        assertThat(users.countActiveOwners()).isEqualTo(1);
        assertThat(users.findById(bob.id()).orElseThrow().passwordHash()).isEqualTo("new-hash");
        assertThat(users.delete(bob.id())).isTrue();
        assertThat(users.delete(bob.id())).isFalse();
        assertThat(users.findById(bob.id())).isEmpty();
        assertThat(users.countActiveOwners()).isZero();
    }
}

package io.portcullis.adapters.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.ChangeNoticesFixture;
import io.portcullis.application.identity.port.out.CredentialChangesPort;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LISTEN/NOTIFY on a real PostgreSQL: the V7 triggers announce credential changes on commit only, the adapter
 * delivers them within a second, stays quiet for authentication's own bookkeeping, and reports a lost connection
 * at once and listening again once it has reconnected.
 */
class PostgresCredentialChangesIT extends ChangeNoticesFixture {
    private JdbcUserRepository users;
    private JdbcApiKeyRepository keys;
    private JdbcUnitOfWork uow;
    private User alice;
    private IssuedApiKey key;

    private final CredentialChangesPort.Listener recorder = new CredentialChangesPort.Listener() {
        @Override
        public void keyChanged(String keyId) {
            events.add("k:" + keyId);
        }

        @Override
        public void userChanged(UUID userId) {
            events.add("u:" + userId);
        }

        @Override
        public void everythingChanged() {
            events.add("*");
        }

        @Override
        public void listening() {
            events.add("listening");
        }

        @Override
        public void interrupted() {
            events.add("interrupted");
        }
    };

    @BeforeEach
    void setUp() throws InterruptedException {
        users = context.getBean(JdbcUserRepository.class);
        keys = context.getBean(JdbcApiKeyRepository.class);
        uow = context.getBean(JdbcUnitOfWork.class);
        alice = Fixtures.user("alice", Role.MEMBER, NOW);
        users.insert(alice);
        key = newKey(alice);
        listen(CredentialChangeNotices.CHANNEL, CredentialChangeNotices.APPLICATION_NAME,
                notifications -> new CredentialChangeNotices(notifications).subscribe(recorder));
    }

    private IssuedApiKey newKey(User owner) {
        IssuedApiKey issued = new ApiKeyFactory(new SeededRandom(System.nanoTime())).mint(owner.id(), LoginType.TOKEN, NOW,
                Duration.ofDays(7), "t" + System.nanoTime(), ScopeSet.ALL, AllowList.ANY, Optional.empty());
        keys.insert(issued.key());
        return issued;
    }

    @Test
    void deleteWhenInTransactionThenReportedOnCommitWithinASecondAndNeverOnRollback() throws Exception {
        uow.inTransaction(() -> {
            keys.delete(key.key().id());
            try {
                assertThat(next(300)).as("nothing before commit").isNull();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertThat(next(1000)).isEqualTo("k:" + key.key().id());

        IssuedApiKey other = newKey(alice);
        assertThatThrownBy(() -> uow.inTransaction(() -> {
            keys.delete(other.key().id());
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(next(500)).as("a rollback announces nothing").isNull();
        assertThat(keys.findById(other.key().id())).isPresent();
    }

    @Test
    void updateWhenOnlyBookkeepingThenQuietAndWhenStatusOrShorterExpiryThenReported() throws Exception {
        keys.recordUse(key.key().id(), NOW.plusSeconds(60), key.key().expiresAt().plus(Duration.ofHours(1)));
        users.touchLastSeen(alice.id(), NOW.plusSeconds(60));
        assertThat(next(500)).as("last_used, a later expiry and last_seen_at are not announced").isNull();

        users.updateStatus(alice.id(), UserStatus.SUSPENDED);
        assertThat(next(1000)).isEqualTo("u:" + alice.id());
        execute("UPDATE api_key SET expires_at = expires_at - interval '1 hour' WHERE id = '" + key.key().id() + "'");
        assertThat(next(1000)).as("an earlier expiry is announced").isEqualTo("k:" + key.key().id());
        execute("UPDATE api_key SET scopes = '{user:read}' WHERE id = '" + key.key().id() + "'");
        assertThat(next(1000)).isEqualTo("k:" + key.key().id());
    }

    @Test
    void deleteWhenUserDeletedThenEveryKeyOfTheCascadeReported() throws Exception {
        IssuedApiKey second = newKey(alice);
        execute("DELETE FROM app_user WHERE id = '" + alice.id() + "'");
        assertThat(java.util.List.of(next(1000), next(1000), next(1000))).containsExactlyInAnyOrder(
                "k:" + key.key().id(), "k:" + second.key().id(), "u:" + alice.id());
    }

    @Test
    void listenWhenConnectionKilledThenInterruptedAtOnceAndListeningAgainAfterwards() throws Exception {
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                + CredentialChangeNotices.APPLICATION_NAME + "' AND datname = current_database()");
        assertThat(next(1000)).isEqualTo("interrupted");
        assertThat(next(5000)).isEqualTo("listening");
        keys.delete(key.key().id());
        assertThat(next(1000)).isEqualTo("k:" + key.key().id());
    }

    @Test
    void dispatchWhenPayloadUnreadableThenEverythingChanged() {
        CredentialChangeNotices.dispatch("u:not-a-uuid", recorder);
        CredentialChangeNotices.dispatch("?", recorder);
        assertThat(events).containsExactly("*", "*");
    }
}

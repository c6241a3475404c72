package io.portcullis.adapters.persistence.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.identity.JdbcUserRepository;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The unit of work on PostgreSQL: a transaction that lost a real deadlock is run again; other failures are not. */
class JdbcUnitOfWorkIT {
    private final ApplicationContext context = TestDatabase.fresh();
    private final JdbcUnitOfWork uow = context.getBean(JdbcUnitOfWork.class);

    private UUID user(String name) {
        User user = Fixtures.user(name, Role.MEMBER, Instant.EPOCH);
        context.getBean(JdbcUserRepository.class).insert(user);
        return user.id();
    }

    private void touch(UUID userId, String username) {
        uow.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE app_user SET username = ? WHERE id = ?")) {
                s.setString(1, username);
                s.setObject(2, userId);
                return s.executeUpdate();
            }
        });
    }

    @Test
    void inTransactionWhenDeadlockedThenTheVictimRunsAgainAndBothCommit() throws Exception {
        UUID a = user("alpha");
        UUID b = user("bravo");
        CyclicBarrier bothHoldOneRow = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // each locks one row, waits for the other to lock the other, then wants the other's row: a deadlock
            List<Future<Integer>> done = List.of(
                    pool.submit(() -> uow.inTransaction(() -> lockBoth(a, b, "alpha1", "bravo1", bothHoldOneRow, attempts))),
                    pool.submit(() -> uow.inTransaction(() -> lockBoth(b, a, "bravo2", "alpha2", bothHoldOneRow, attempts))));
            for (Future<Integer> f : done) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(attempts).hasValue(3);
        // the survivor committed first, the victim's second run after it: both sets of writes are there, the victim's last
        List<String> names = TestDatabase.strings("SELECT username FROM app_user WHERE id IN ('" + a + "', '" + b + "')"
                + " ORDER BY username");
        assertThat(names).containsAnyOf("alpha1", "alpha2").containsAnyOf("bravo1", "bravo2").hasSize(2);
    }

    private int lockBoth(UUID first, UUID second, String firstName, String secondName, CyclicBarrier barrier,
            AtomicInteger attempts) {
        boolean firstRun = attempts.incrementAndGet() <= 2;
        touch(first, firstName);
        if (firstRun) {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        touch(second, secondName);
        return 1;
    }

    @Test
    void inTransactionWhenFailureIsNotARaceThenNotRetried() {
        UUID a = user("charlie");
        user("delta");
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> uow.inTransaction(() -> {
            attempts.incrementAndGet();
            touch(a, "delta"); // the username is taken: a unique violation, which no retry can cure
            return 1;
        })).isNotNull();
        assertThat(attempts).hasValue(1);
    }

    private void renameAtCommit(UUID userId, String username) {
        uow.atCommit("UPDATE app_user SET username = ? WHERE id = ?", (s, i) -> {
            s.setString(i, username);
            s.setObject(i + 1, userId);
            return i + 2;
        });
    }

    private String username(UUID id) {
        return TestDatabase.strings("SELECT username FROM app_user WHERE id = '" + id + "'").get(0);
    }

    @Test
    void atCommitWritesAreSentAtTheEndOfTheOutermostUnitOfWorkAndCommitWithIt() {
        UUID a = user("echo");
        UUID b = user("foxtrot");
        uow.inTransaction(() -> {
            renameAtCommit(a, "echo2");
            uow.inTransaction(() -> {
                renameAtCommit(b, "foxtrot2");
                return 1;
            });
            touch(b, "foxtrot1"); // runs now: the deferred rename of b comes after it
            assertThat(username(a)).isEqualTo("echo"); // not sent yet (and another connection would not see it anyway)
            return 1;
        });
        assertThat(username(a)).isEqualTo("echo2");
        assertThat(username(b)).isEqualTo("foxtrot2");
    }

    @Test
    void atCommitOutsideAUnitOfWorkWritesAtOnce() {
        UUID a = user("golf");
        renameAtCommit(a, "golf2");
        assertThat(username(a)).isEqualTo("golf2");
    }

    @Test
    void atCommitWritesOfAFailedUnitOfWorkAreNeverSent() {
        UUID a = user("hotel");
        UUID b = user("india");
        assertThatThrownBy(() -> uow.inTransaction(() -> {
            renameAtCommit(a, "hotel2");
            touch(b, "india2");
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(username(a)).isEqualTo("hotel");
        assertThat(username(b)).isEqualTo("india");
    }

    @Test
    void aFailingAtCommitWriteRollsBackTheWholeUnitOfWork() {
        UUID a = user("juliet");
        UUID b = user("kilo");
        user("lima");
        assertThatThrownBy(() -> uow.inTransaction(() -> {
            touch(a, "juliet2");
            renameAtCommit(b, "lima"); // taken: the unique violation shows at the end, and nothing commits
            return 1;
        })).isNotNull();
        assertThat(username(a)).isEqualTo("juliet");
        assertThat(username(b)).isEqualTo("kilo");
        // and the pooled connection is usable again
        uow.inTransaction(() -> {
            renameAtCommit(b, "kilo2");
            return 1;
        });
        assertThat(username(b)).isEqualTo("kilo2");
    }
}

package io.portcullis.adapters.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.identity.ApiKeyRepositoryContract;
import io.portcullis.application.identity.UserRepositoryContract;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.Role;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The identity port contracts on PostgreSQL, plus what only a real database can show. */
class JdbcIdentityRepositoriesIT {
    @Nested
    class Users extends UserRepositoryContract {
        @Override
        protected UserRepository newRepository() {
            return TestDatabase.fresh().getBean(JdbcUserRepository.class);
        }
    }

    @Nested
    class Keys extends ApiKeyRepositoryContract {
        private ApplicationContext context;

        @Override
        protected UserRepository newUserRepository() {
            context = TestDatabase.fresh();
            return context.getBean(JdbcUserRepository.class);
        }

        @Override
        protected ApiKeyRepository newRepository(UserRepository users) {
            return context.getBean(JdbcApiKeyRepository.class);
        }
    }

    @Test
    void insertFirstWhenTwentyConcurrentThenExactlyOneOwner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            // as the use case calls it: no transaction around it, so the repository must make lock and insert one
            for (int round = 0; round < 10; round++) {
                JdbcUserRepository users = TestDatabase.fresh().getBean(JdbcUserRepository.class);
                var results = pool.invokeAll(IntStream.range(0, 20).<Callable<Boolean>>mapToObj(i -> () ->
                        users.insertFirst(Fixtures.user("u" + i, Role.OWNER, Instant.EPOCH))).toList());
                long winners = 0;
                for (var r : results) {
                    winners += r.get() ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
                assertThat(users.list()).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void insertWhenDuplicateInsideTransactionThenFalseAndTransactionGoesOn() {
        ApplicationContext context = TestDatabase.fresh();
        JdbcUnitOfWork uow = context.getBean(JdbcUnitOfWork.class);
        JdbcUserRepository users = context.getBean(JdbcUserRepository.class);
        users.insert(Fixtures.user("taken", Role.MEMBER, Instant.EPOCH));
        boolean[] inserted = uow.inTransaction(() -> new boolean[] {
            users.insert(Fixtures.user("taken", Role.MEMBER, Instant.EPOCH)),
            users.insert(Fixtures.user("fresh", Role.MEMBER, Instant.EPOCH))});
        assertThat(inserted).containsExactly(false, true);
        assertThat(users.list()).extracting(u -> u.username().value()).containsExactlyInAnyOrder("taken", "fresh");
    }

    @Test
    void inTransactionWhenWorkThrowsThenEveryWriteRolledBack() {
        ApplicationContext context = TestDatabase.fresh();
        JdbcUnitOfWork uow = context.getBean(JdbcUnitOfWork.class);
        JdbcUserRepository users = context.getBean(JdbcUserRepository.class);
        IllegalStateException failure = new IllegalStateException("use case failed");
        assertThatThrownBy(() -> uow.inTransaction(() -> {
            users.insert(Fixtures.user("outer", Role.MEMBER, Instant.EPOCH));
            return uow.inTransaction(() -> {
                users.insert(Fixtures.user("nested", Role.MEMBER, Instant.EPOCH));
                throw failure;
            });
        })).isSameAs(failure);
        assertThat(users.any()).isFalse();
    }
}

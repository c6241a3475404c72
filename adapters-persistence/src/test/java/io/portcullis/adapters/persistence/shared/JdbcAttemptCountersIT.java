package io.portcullis.adapters.persistence.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.shared.AttemptCounterContract;
import io.portcullis.application.shared.port.out.AttemptCounterPort;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The attempt counter contract on PostgreSQL, plus what only a real database can show. */
class JdbcAttemptCountersIT extends AttemptCounterContract {
    @Override
    protected AttemptCounterPort newCounters() {
        return TestDatabase.fresh().getBean(JdbcAttemptCounters.class);
    }

    @Test
    void countWhenFortyConcurrentAttemptsThenEachGetsItsOwnNumber() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> attempts = IntStream.range(0, 40)
                    .<Callable<Integer>>mapToObj(i -> () -> counters.count("b", "hot", WINDOW, T0).hits()).toList();
            List<Integer> numbers = pool.invokeAll(attempts).stream().map(JdbcAttemptCountersIT::get).sorted().toList();
            assertThat(numbers).isEqualTo(IntStream.rangeClosed(1, 40).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countWhenStoredThenOnlyADigestOfTheKeyIsKept() {
        counters.count("login-account-address", "alice@example.com\n198.51.100.7", WINDOW, T0);
        assertThat(TestDatabase.strings("SELECT encode(key_digest, 'escape') FROM attempt_counter"))
                .noneMatch(k -> k.contains("alice") || k.contains("198.51"));
        assertThat(TestDatabase.strings("SELECT length(key_digest) FROM attempt_counter")).containsExactly("32");
    }

    private static Integer get(Future<Integer> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

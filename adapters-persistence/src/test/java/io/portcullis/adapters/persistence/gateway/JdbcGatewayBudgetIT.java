package io.portcullis.adapters.persistence.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.gateway.GatewayBudgetContract;
import io.portcullis.application.gateway.port.out.GatewayBudgetPort;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The gateway budget contract on PostgreSQL, plus what only a real database can show. */
class JdbcGatewayBudgetIT extends GatewayBudgetContract {
    @Override
    protected GatewayBudgetPort newBudgets() {
        return TestDatabase.fresh().getBean(JdbcGatewayBudget.class);
    }

    @Test
    void leaseWhenFortyConcurrentLeasesThenTogetherExactlyTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> leases = IntStream.range(0, 40)
                    .<Callable<Integer>>mapToObj(i -> () -> budgets.lease("b", "hot", 7, 3, 50)).toList();
            int granted = 0;
            for (Future<Integer> f : pool.invokeAll(leases)) {
                granted += f.get();
            }
            assertThat(granted).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leaseWhenStoredThenOnlyADigestOfTheKeyIsKept() {
        budgets.lease("gateway-address", "198.51.100.7", 7, 3, 50);
        assertThat(TestDatabase.strings("SELECT encode(key_digest, 'escape') FROM gateway_rate_budget"))
                .noneMatch(k -> k.contains("198.51"));
    }
}

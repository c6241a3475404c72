package io.portcullis.application.gateway;

import io.portcullis.application.gateway.port.out.GatewayBudgetPort;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared budget store in memory, with the database's rules (JdbcGatewayBudgetIT holds the JDBC one to them). */
public final class InMemoryGatewayBudget implements GatewayBudgetPort {
    private final Map<String, long[]> windows = new HashMap<>();
    private final TreeSet<String> alive = new TreeSet<>();
    public final AtomicInteger leases = new AtomicInteger();

    @Override
    public synchronized int lease(String bucket, String key, long window, int want, int limit) {
        leases.incrementAndGet();
        long[] w = windows.computeIfAbsent(bucket + "\n" + key, k -> new long[] {window, 0});
        if (w[0] < window) {
            w[0] = window;
            w[1] = 0;
        }
        int granted = (int) Math.max(0, Math.min(want, limit - w[1]));
        w[1] += granted;
        return granted;
    }

    @Override
    public synchronized Membership heartbeat(String replica) {
        alive.add(replica);
        return new Membership(alive.size(), alive.headSet(replica).size());
    }

    @Override
    public synchronized void leave(String replica) {
        alive.remove(replica);
    }
}

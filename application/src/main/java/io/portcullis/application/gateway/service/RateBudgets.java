package io.portcullis.application.gateway.service;

import io.portcullis.application.gateway.port.out.GatewayBudgetPort;
import io.portcullis.domain.gateway.GatewayLimits;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests-per-second budgets shared by the replicas through {@link GatewayBudgetPort}: a replica leases a slice of a
 * key's budget for the current second ({@link GatewayLimits#leaseSize}) and spends it from memory, so a busy key
 * costs about eight statements a second whatever its rate, and all replicas together never admit more than the limit
 * in one window. What a replica leased and did not spend is lost with the window (it may refuse a little early).
 */
final class RateBudgets {
    /** What {@link #take} decided. */
    enum Take { TAKEN, REFUSED, NEEDS_STORE }

    private final GatewayBudgetPort store;
    private final Clock clock;
    private final Map<Key, Budget> budgets = new ConcurrentHashMap<>();

    /** A bucket and a key of it (a record: no string built, and hashed, per request). */
    private record Key(String bucket, String key) {
    }

    /** One key's lease in one window; guarded by itself. */
    private static final class Budget {
        long window;
        int remaining;
        boolean exhausted;
    }

    RateBudgets(GatewayBudgetPort store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Spends one request of {@code key}'s budget; {@link Take#NEEDS_STORE} when a lease is due and {@code mayBlock} is false. */
    Take take(String bucket, String key, int limit, boolean mayBlock) {
        if (limit == 0) {
            return Take.TAKEN;
        }
        long window = clock.instant().getEpochSecond();
        Budget budget = budgets.computeIfAbsent(new Key(bucket, key), k -> new Budget());
        synchronized (budget) {
            if (budget.window != window) {
                budget.window = window;
                budget.remaining = 0;
                budget.exhausted = false;
            }
            if (budget.remaining > 0) {
                budget.remaining--;
                return Take.TAKEN;
            }
            if (budget.exhausted) {
                return Take.REFUSED;
            }
        }
        if (!mayBlock) {
            return Take.NEEDS_STORE;
        }
        int granted = store.lease(bucket, key, window, GatewayLimits.leaseSize(limit), limit);
        synchronized (budget) {
            if (budget.window != window) {
                return granted > 0 ? Take.TAKEN : Take.REFUSED; // the second ended meanwhile: spend what was granted now
            }
            budget.remaining += granted;
            if (budget.remaining > 0) {
                budget.remaining--;
                return Take.TAKEN;
            }
            budget.exhausted = true;
            return Take.REFUSED;
        }
    }

    /** Seconds until the next window. */
    long retryAfterSeconds() {
        return 1;
    }

    /** Forgets the budgets of windows that have ended. */
    void sweep() {
        long window = clock.instant().getEpochSecond();
        budgets.values().removeIf(b -> {
            synchronized (b) {
                return b.window < window;
            }
        });
    }
}

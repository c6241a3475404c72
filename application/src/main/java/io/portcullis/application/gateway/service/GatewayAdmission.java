package io.portcullis.application.gateway.service;

import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase.RelayMcpRequestCommand;
import io.portcullis.application.gateway.port.in.ShareGatewayLimitsUseCase;
import io.portcullis.application.gateway.port.out.GatewayBudgetPort;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.GatewayLimits;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gateway's limits (PRODUCT §10), shared by the replicas: requests per second per token and per client address
 * through leased budgets ({@link RateBudgets}), and requests in flight per upstream server, each replica admitting
 * its share of the limit — the shares of the replicas alive add up to the limit ({@link GatewayLimits#share}).
 */
public final class GatewayAdmission implements ShareGatewayLimitsUseCase {
    static final String TOKEN = "gateway-token";
    static final String ADDRESS = "gateway-address";
    private final GatewayLimits limits;
    private final RateBudgets rates;
    private final GatewayBudgetPort store;
    private final String replica;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private volatile GatewayBudgetPort.Membership membership = GatewayBudgetPort.Membership.ALONE;

    /** Which rate limits one request has already passed (it may pass them on two threads, see {@link #admit}). */
    static final class Pass {
        private boolean token;
        private boolean address;
    }

    /** A request's place among its server's requests in flight; {@link #release()} gives it back, once. */
    static final class Slot {
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(Runnable release) {
            this.release = release;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    /** {@code replica}: this replica's id among all, unique. */
    public GatewayAdmission(GatewayLimits limits, GatewayBudgetPort store, String replica, Clock clock) {
        this.limits = limits;
        this.store = store;
        this.replica = replica;
        this.rates = new RateBudgets(store, clock);
    }

    /**
     * Admits {@code command} or says why not; empty when a budget lease is due and {@code mayBlock} is false (call
     * again with the same {@code pass} where blocking is fine).
     */
    Optional<Result<Slot, GatewayError>> admit(Pass pass, RelayMcpRequestCommand command, boolean mayBlock) {
        if (!pass.token) {
            RateBudgets.Take t = rates.take(TOKEN, command.actor().key().id(), limits.requestsPerSecondPerToken(), mayBlock);
            if (t != RateBudgets.Take.TAKEN) {
                return refusedOrLater(t, "token");
            }
            pass.token = true;
        }
        if (!pass.address && command.from().isPresent()) {
            RateBudgets.Take t = rates.take(ADDRESS, command.from().get().limitKey(), limits.requestsPerSecondPerAddress(),
                    mayBlock);
            if (t != RateBudgets.Take.TAKEN) {
                return refusedOrLater(t, "client_address");
            }
            pass.address = true;
        }
        return Optional.of(enter(command.slug()));
    }

    private Optional<Result<Slot, GatewayError>> refusedOrLater(RateBudgets.Take take, String limit) {
        return take == RateBudgets.Take.NEEDS_STORE ? Optional.empty()
                : Optional.of(Result.err(new GatewayError.RateLimited(limit, rates.retryAfterSeconds())));
    }

    private Result<Slot, GatewayError> enter(String slug) {
        int limit = limits.concurrentPerServer();
        if (limit == 0) {
            return Result.ok(new Slot(() -> { }));
        }
        GatewayBudgetPort.Membership m = membership;
        int share = GatewayLimits.share(limit, m.replicas(), m.rank());
        boolean[] entered = new boolean[1];
        inFlight.compute(slug, (s, n) -> {
            int now = n == null ? 0 : n;
            entered[0] = now < share;
            return entered[0] ? now + 1 : n;
        });
        if (!entered[0]) {
            return Result.err(new GatewayError.ServerBusy(slug));
        }
        return Result.ok(new Slot(() -> inFlight.computeIfPresent(slug, (s, n) -> n <= 1 ? null : n - 1)));
    }

    /** Requests in flight to the server at {@code slug} on this replica (tests). */
    public int inFlight(String slug) {
        return inFlight.getOrDefault(slug, 0);
    }

    @Override
    public void heartbeat() {
        membership = store.heartbeat(replica);
        rates.sweep();
    }

    @Override
    public void leave() {
        store.leave(replica);
    }
}

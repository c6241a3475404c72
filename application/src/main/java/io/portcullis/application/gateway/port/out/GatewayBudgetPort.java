package io.portcullis.application.gateway.port.out;

/**
 * Where the replicas share the gateway's limits (PRODUCT §10, §12): per-second request budgets handed out in leases,
 * and which replicas are alive. Implementations keep keys (token ids, client addresses) only as digests.
 */
public interface GatewayBudgetPort {
    /**
     * Takes up to {@code want} requests from the budget of {@code bucket}/{@code key} for the one-second window
     * {@code window} (epoch second), atomically, never letting all replicas' leases of that window add up to more
     * than {@code limit}; returns how many were granted, 0 when the window's budget is used up.
     */
    int lease(String bucket, String key, long window, int want, int limit);

    /** Marks replica {@code replica} alive now; returns the replicas alive and this one's rank among them. */
    Membership heartbeat(String replica);

    /** Replica {@code replica} is stopping: the others take over its share at once. */
    void leave(String replica);

    /** {@code replicas} alive (at least 1); {@code rank} of this one, 0-based, the same order on every replica. */
    record Membership(int replicas, int rank) {
        public static final Membership ALONE = new Membership(1, 0);
    }
}

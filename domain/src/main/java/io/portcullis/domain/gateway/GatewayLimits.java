package io.portcullis.domain.gateway;

import io.portcullis.domain.shared.DomainValidationException;

/**
 * The gateway's limits (PRODUCT §10): requests per second per token and per client address, and requests in
 * flight per upstream server, each across all replicas; 0 turns a limit off.
 */
public record GatewayLimits(int requestsPerSecondPerToken, int requestsPerSecondPerAddress, int concurrentPerServer) {
    public GatewayLimits {
        DomainValidationException.require(requestsPerSecondPerToken >= 0, "limits.requests-per-second-per-token",
                "must be 0 (off) or more");
        DomainValidationException.require(requestsPerSecondPerAddress >= 0, "limits.requests-per-second-per-address",
                "must be 0 (off) or more");
        DomainValidationException.require(concurrentPerServer >= 0, "limits.concurrent-requests-per-server",
                "must be 0 (off) or more");
    }

    /** No limit at all. */
    public static GatewayLimits none() {
        return new GatewayLimits(0, 0, 0);
    }

    /**
     * How much of a per-second budget one replica takes from the shared counter at a time: an eighth of the limit
     * (at least 1), so a busy key costs at most about eight statements a second however many requests it sends.
     */
    public static int leaseSize(int limit) {
        return Math.max(1, (limit + 7) / 8);
    }

    /**
     * This replica's share of {@code limit} concurrent requests when {@code replicas} replicas are alive and this
     * one is the {@code rank}-th of them (0-based, the same order on every replica): the shares add up to the limit.
     */
    public static int share(int limit, int replicas, int rank) {
        if (replicas <= 1) {
            return limit;
        }
        return limit / replicas + (rank < limit % replicas ? 1 : 0);
    }
}

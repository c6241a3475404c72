package io.portcullis.application.gateway.port.in;

/**
 * Keeps this replica's part in the gateway's shared limits current (PRODUCT §10, §12): called about once a second
 * while it runs, and once when it stops.
 */
public interface ShareGatewayLimitsUseCase {
    /** Tells the store this replica is alive, learns how many are, and forgets budgets of ended windows. */
    void heartbeat();

    /** This replica is stopping; the others take over its share of the concurrency limit. */
    void leave();
}

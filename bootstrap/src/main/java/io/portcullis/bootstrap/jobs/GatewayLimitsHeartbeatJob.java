package io.portcullis.bootstrap.jobs;

import io.micronaut.scheduling.annotation.Scheduled;
import io.portcullis.application.gateway.port.in.ShareGatewayLimitsUseCase;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica's part in the gateway's shared limits current: a heartbeat every second (the replicas alive
 * divide the concurrency limit among them), and a goodbye when it stops, so the others take over its share at once.
 */
@Singleton
public class GatewayLimitsHeartbeatJob {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLimitsHeartbeatJob.class);
    private final ShareGatewayLimitsUseCase limits;
    private volatile boolean failing;

    public GatewayLimitsHeartbeatJob(ShareGatewayLimitsUseCase limits) {
        this.limits = limits;
    }

    @Scheduled(initialDelay = "0s", fixedDelay = "${portcullis.limits.heartbeat:1s}")
    void run() {
        try {
            limits.heartbeat();
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("gateway limits heartbeat failed ({}); keeping the last known share until it works again", e.getMessage());
            }
            failing = true;
        }
    }

    @PreDestroy
    void stop() {
        try {
            limits.leave();
        } catch (RuntimeException e) {
            LOG.debug("could not leave the gateway limits' replica list; the entry expires in seconds", e);
        }
    }
}

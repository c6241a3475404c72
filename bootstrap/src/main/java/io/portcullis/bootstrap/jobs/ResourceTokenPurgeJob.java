package io.portcullis.bootstrap.jobs;

import io.micronaut.scheduling.annotation.Scheduled;
import io.portcullis.application.oauth.port.in.PurgeExpiredResourceTokensUseCase;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets expired registered-resource tokens hourly, beside the credential purge. */
@Singleton
public class ResourceTokenPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceTokenPurgeJob.class);
    private final PurgeExpiredResourceTokensUseCase purge;
    private final Clock clock;

    public ResourceTokenPurgeJob(PurgeExpiredResourceTokensUseCase purge, Clock clock) {
        this.purge = purge;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "${portcullis.purge.initial-delay:5m}", fixedDelay = "${portcullis.purge.interval:1h}")
    void run() {
        try {
            LOG.info("purged {} expired resource token record(s)", purge.purgeExpiredResourceTokens(clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("resource token purge failed; will retry at the next interval", e);
        }
    }
}

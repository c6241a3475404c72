package io.portcullis.bootstrap.jobs;

import io.micronaut.scheduling.annotation.Scheduled;
import io.portcullis.application.housekeeping.port.in.PurgeExpiredCredentialsUseCase;
import io.portcullis.application.housekeeping.port.in.PurgeExpiredCredentialsUseCase.PurgeReport;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the credential purge hourly (first run a few minutes after start-up). */
@Singleton
public class CredentialPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialPurgeJob.class);
    private final PurgeExpiredCredentialsUseCase purge;

    public CredentialPurgeJob(PurgeExpiredCredentialsUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(initialDelay = "${portcullis.purge.initial-delay:5m}", fixedDelay = "${portcullis.purge.interval:1h}")
    void run() {
        try {
            PurgeReport report = purge.purge();
            LOG.info("purged expired credentials: {} API keys, {} codes, {} refresh tokens, {} grants, {} unused clients, {} expired connect states, {} ended attempt counters, {} old audit entries",
                    report.apiKeys(), report.codes(), report.refreshTokens(), report.grants(), report.clients(),
                    report.connectStates(), report.attemptCounters(), report.auditEntries());
        } catch (RuntimeException e) {
            LOG.warn("credential purge failed; will retry at the next interval", e);
        }
    }
}

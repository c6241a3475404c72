package io.portcullis.application.housekeeping.service;

import io.portcullis.application.housekeeping.port.in.PurgeExpiredCredentialsUseCase;
import io.portcullis.application.identity.port.in.PurgeExpiredApiKeysUseCase;
import io.portcullis.application.oauth.port.in.PurgeStaleOAuthArtefactsUseCase;
import io.portcullis.application.registry.port.in.PurgeExpiredConnectStatesUseCase;
import io.portcullis.application.oauth.port.in.PurgeStaleOAuthArtefactsUseCase.OAuthPurgeCounts;
import io.portcullis.application.shared.port.out.AttemptCounterPort;
import io.portcullis.application.shared.port.out.AuditLogRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Purges every context's dead credentials against one reading of the clock: first API keys (identity, a week
 * after expiry), then OAuth codes, refresh tokens, exhausted grants and long-unused self-registered clients
 * (oauth), then upstream connect states that expired unfinished (registry), then attempt counters whose window has
 * ended, then audit entries older than {@code portcullis.audit.retention}. The retention periods belong to the
 * contexts that own the data.
 */
public final class CredentialPurgeService implements PurgeExpiredCredentialsUseCase {
    private final PurgeExpiredApiKeysUseCase apiKeys;
    private final PurgeStaleOAuthArtefactsUseCase oauthArtefacts;
    private final PurgeExpiredConnectStatesUseCase connectStates;
    private final AttemptCounterPort attemptCounters;
    private final Clock clock;
    private final AuditLogRepository auditLog;
    private final Duration auditRetention;

    public CredentialPurgeService(PurgeExpiredApiKeysUseCase apiKeys, PurgeStaleOAuthArtefactsUseCase oauthArtefacts,
            PurgeExpiredConnectStatesUseCase connectStates, AttemptCounterPort attemptCounters, Clock clock,
            AuditLogRepository auditLog, Duration auditRetention) {
        this.auditLog = auditLog;
        this.auditRetention = auditRetention;
        this.apiKeys = apiKeys;
        this.connectStates = connectStates;
        this.attemptCounters = attemptCounters;
        this.oauthArtefacts = oauthArtefacts;
        this.clock = clock;
    }

    @Override
    public PurgeReport purge() {
        Instant now = clock.instant();
        int k = apiKeys.purgeExpiredApiKeys(now);
        OAuthPurgeCounts oauth = oauthArtefacts.purgeStaleArtefacts(now);
        int states = connectStates.purgeExpiredConnectStates(now);
        return new PurgeReport(k, oauth.codes(), oauth.refreshTokens(), oauth.grants(), oauth.clients(), states,
                attemptCounters.purgeEnded(now), auditLog.deleteBefore(now.minus(auditRetention)));
    }
}

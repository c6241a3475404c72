package io.portcullis.application.housekeeping.port.in;

/** Housekeeping: removes credentials that can never be used again, so stores do not grow without bound. */
public interface PurgeExpiredCredentialsUseCase {
    PurgeReport purge();

    /**
     * How many rows of each kind were removed (connect states: upstream connect flows never finished; attempt counters:
     * login and registration throttles whose window ended; audit entries: older than the retention period).
     */
    record PurgeReport(int apiKeys, int codes, int refreshTokens, int grants, int clients, int connectStates,
            int attemptCounters, int auditEntries) {
    }
}

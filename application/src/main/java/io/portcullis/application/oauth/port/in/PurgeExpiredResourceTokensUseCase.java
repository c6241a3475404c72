package io.portcullis.application.oauth.port.in;

import java.time.Instant;

/** Housekeeping: forgets the records of registered-resource tokens once they have expired (nothing can use them). */
public interface PurgeExpiredResourceTokensUseCase {
    /** Deletes the records of tokens that expired before {@code now}; returns how many. */
    int purgeExpiredResourceTokens(Instant now);
}

package io.portcullis.application.identity.port.in;

import java.time.Instant;

/** Housekeeping for identity: removes API keys that expired long enough ago that no one can still be shown them. */
public interface PurgeExpiredApiKeysUseCase {
    /** Deletes keys that expired more than a week before {@code now}; returns how many were removed. */
    int purgeExpiredApiKeys(Instant now);
}

package io.portcullis.application.shared.port.out;

import io.portcullis.domain.shared.AttemptWindow;
import java.time.Duration;
import java.time.Instant;

/**
 * Attempt counters kept where every replica sees them and a restart does not reset them (PRODUCT §12). A counter
 * is named by a bucket (what is limited) and a key (who is limited); keys may hold personal data (an e-mail, an
 * address), so implementations store only a digest of them.
 */
public interface AttemptCounterPort {
    /**
     * Atomically counts one attempt and returns the key's window including it; a window longer ago than
     * {@code window} restarts at {@code now} with this attempt.
     */
    AttemptWindow count(String bucket, String key, Duration window, Instant now);

    /** Takes back one attempt counted by {@link #count} (one that was refused, or that does not count). */
    void uncount(String bucket, String key);

    /** Forgets every attempt of the key. */
    void clear(String bucket, String key);

    /** Deletes the counters whose window ended before {@code now}; returns how many. */
    int purgeEnded(Instant now);
}

package io.portcullis.domain.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * At most {@code limit} attempts per key in a window of {@code window} that begins with the key's first attempt and
 * restarts with the first attempt after it ends. Counting happens before the check (so concurrent attempts cannot
 * all slip under the limit); an attempt that is refused or that succeeded is taken back by the caller.
 */
public record AttemptLimit(int limit, Duration window) {
    public AttemptLimit {
        DomainValidationException.require(limit >= 1, "limit", "must be at least 1");
        DomainValidationException.require(window != null && window.compareTo(Duration.ofSeconds(1)) >= 0, "window",
                "must be at least one second");
    }

    /**
     * The wait before another attempt may be made, when {@code counted} (which includes the attempt being decided)
     * is over the limit; empty when the attempt may go ahead.
     */
    public Optional<Duration> refusal(AttemptWindow counted, Instant now) {
        if (counted.hits() <= limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, counted.startedAt().plus(window));
        return Optional.of(left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
    }
}

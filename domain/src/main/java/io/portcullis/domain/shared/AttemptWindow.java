package io.portcullis.domain.shared;

import java.time.Instant;

/** How many attempts one key has made in its current window, which began at {@code startedAt}. */
public record AttemptWindow(int hits, Instant startedAt) {
    public AttemptWindow {
        DomainValidationException.require(hits >= 0 && startedAt != null, "attempts", "need a count and a start");
    }
}

package io.portcullis.adapters.http.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open dynamic registration is unauthenticated: at most {@code limit} registration attempts per client address
 * per hour, so one caller cannot fill the store. Process-local; behind a proxy every caller shares its address.
 */
public final class RegistrationRateLimit {
    static final Duration WINDOW = Duration.ofHours(1);
    private final int limit;
    private final Clock clock;
    private final Map<String, Deque<Instant>> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > 10_000;
        }
    };

    public RegistrationRateLimit(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts an attempt from {@code address}; the wait before the next one is allowed, if over the limit. */
    public synchronized Optional<Duration> attempt(String address) {
        Instant now = clock.instant();
        Deque<Instant> times = seen.computeIfAbsent(address, a -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
        if (times.size() >= limit) {
            return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
        times.addLast(now);
        return Optional.empty();
    }
}

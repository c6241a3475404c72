package io.portcullis.domain.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one e-mail address within
 * {@code window}, further attempts are refused until the oldest failure leaves the window. Unknown
 * addresses are counted too, so the answer never reveals whether an account exists. Process-local.
 */
public final class LoginThrottle {
    private static final int MAX_TRACKED = 10_000;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    public LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    public static LoginThrottle defaults() {
        return new LoginThrottle(5, Duration.ofMinutes(15));
    }

    /** How long the caller must wait before another attempt for {@code key}, if at all. */
    public synchronized Optional<Duration> blockedFor(String key, Instant now) {
        Deque<Instant> list = prune(key, now);
        if (list == null || list.size() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, list.peekFirst().plus(window)));
    }

    public synchronized void failed(String key, Instant now) {
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
        prune(key, now);
    }

    public synchronized void succeeded(String key) {
        failures.remove(key);
    }

    private Deque<Instant> prune(String key, Instant now) {
        Deque<Instant> list = failures.get(key);
        if (list == null) {
            return null;
        }
        while (!list.isEmpty() && !list.peekFirst().plus(window).isAfter(now)) {
            list.removeFirst();
        }
        if (list.isEmpty()) {
            failures.remove(key);
            return null;
        }
        return list;
    }
}

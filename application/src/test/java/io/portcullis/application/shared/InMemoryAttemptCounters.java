package io.portcullis.application.shared;

import io.portcullis.application.shared.port.out.AttemptCounterPort;
import io.portcullis.domain.shared.AttemptWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Attempt counters in a map, for application tests; PostgreSQL holds them in production. */
public final class InMemoryAttemptCounters implements AttemptCounterPort {
    private record Row(int hits, Instant startedAt, Instant endsAt) {
    }

    private final Map<String, Row> rows = new HashMap<>();

    private static String id(String bucket, String key) {
        return bucket + "\u0000" + key;
    }

    @Override
    public synchronized AttemptWindow count(String bucket, String key, Duration window, Instant now) {
        Row row = rows.get(id(bucket, key));
        Row next = row == null || !row.endsAt().isAfter(now) ? new Row(1, now, now.plus(window))
                : new Row(row.hits() + 1, row.startedAt(), row.endsAt());
        rows.put(id(bucket, key), next);
        return new AttemptWindow(next.hits(), next.startedAt());
    }

    @Override
    public synchronized void uncount(String bucket, String key) {
        rows.computeIfPresent(id(bucket, key), (k, r) -> new Row(Math.max(0, r.hits() - 1), r.startedAt(), r.endsAt()));
    }

    @Override
    public synchronized void clear(String bucket, String key) {
        rows.remove(id(bucket, key));
    }

    @Override
    public synchronized int purgeEnded(Instant now) {
        int before = rows.size();
        rows.values().removeIf(r -> r.endsAt().isBefore(now));
        return before - rows.size();
    }
}

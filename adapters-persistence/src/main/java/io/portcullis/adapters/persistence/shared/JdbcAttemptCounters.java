package io.portcullis.adapters.persistence.shared;

import io.portcullis.application.shared.port.out.AttemptCounterPort;
import io.portcullis.domain.shared.AttemptWindow;
import io.portcullis.domain.shared.SecretDigest;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Attempt counters in table {@code attempt_counter}: one atomic upsert per attempt (a window that has ended
 * restarts), so replicas on one database share the count and concurrent attempts each get their own number.
 * Plain JDBC because the upsert returns two columns computed by the statement itself.
 */
@Singleton
public final class JdbcAttemptCounters implements AttemptCounterPort {
    static final String COUNT = "INSERT INTO attempt_counter AS c (bucket, key_digest, window_start, window_end, hits)"
            + " VALUES (?, ?, ?, ?, 1) ON CONFLICT (bucket, key_digest) DO UPDATE SET"
            + " hits = CASE WHEN c.window_end <= EXCLUDED.window_start THEN 1 ELSE c.hits + 1 END,"
            + " window_start = CASE WHEN c.window_end <= EXCLUDED.window_start THEN EXCLUDED.window_start ELSE c.window_start END,"
            + " window_end = CASE WHEN c.window_end <= EXCLUDED.window_start THEN EXCLUDED.window_end ELSE c.window_end END"
            + " RETURNING hits, window_start";
    private final JdbcUnitOfWork unitOfWork;

    public JdbcAttemptCounters(JdbcUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public AttemptWindow count(String bucket, String key, Duration window, Instant now) {
        return unitOfWork.withConnection(connection -> {
            try (PreparedStatement s = connection.prepareStatement(COUNT)) {
                s.setString(1, bucket);
                s.setBytes(2, digest(key));
                s.setTimestamp(3, Timestamp.from(now));
                s.setTimestamp(4, Timestamp.from(now.plus(window)));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new AttemptWindow(rs.getInt(1), rs.getTimestamp(2).toInstant());
                }
            }
        });
    }

    @Override
    public void uncount(String bucket, String key) {
        update("UPDATE attempt_counter SET hits = hits - 1 WHERE bucket = ? AND key_digest = ? AND hits > 0", bucket, key);
    }

    @Override
    public void clear(String bucket, String key) {
        update("DELETE FROM attempt_counter WHERE bucket = ? AND key_digest = ?", bucket, key);
    }

    @Override
    public int purgeEnded(Instant now) {
        return unitOfWork.withConnection(connection -> {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM attempt_counter WHERE window_end < ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                return s.executeUpdate();
            }
        });
    }

    private void update(String sql, String bucket, String key) {
        unitOfWork.withConnection(connection -> {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                s.setString(1, bucket);
                s.setBytes(2, digest(key));
                return s.executeUpdate();
            }
        });
    }

    private static byte[] digest(String key) {
        return SecretDigest.of(key).bytes();
    }
}

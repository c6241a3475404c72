package io.portcullis.adapters.persistence.gateway;

import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.gateway.port.out.GatewayBudgetPort;
import io.portcullis.domain.shared.SecretDigest;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's shared limits in tables {@code gateway_rate_budget} and {@code gateway_replica} (V12). A lease is one
 * atomic upsert: a row of an ended window restarts, and the grant is cut to what is left of the limit, so concurrent
 * leases of all replicas never add up to more than the limit. Liveness uses the database's clock, so replicas'
 * clocks need not agree. Plain JDBC because the statements compute what they return.
 */
@Singleton
public final class JdbcGatewayBudget implements GatewayBudgetPort {
    static final String LEASE = "INSERT INTO gateway_rate_budget AS b (bucket, key_digest, window_start, used, granted)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (bucket, key_digest) DO UPDATE SET"
            + " granted = CASE WHEN b.window_start < EXCLUDED.window_start THEN EXCLUDED.granted"
            + "   ELSE GREATEST(0, LEAST(EXCLUDED.granted, ? - b.used)) END,"
            + " used = CASE WHEN b.window_start < EXCLUDED.window_start THEN EXCLUDED.used"
            + "   ELSE b.used + GREATEST(0, LEAST(EXCLUDED.granted, ? - b.used)) END,"
            + " window_start = GREATEST(b.window_start, EXCLUDED.window_start)"
            + " RETURNING granted";
    static final String HEARTBEAT = "WITH me AS (INSERT INTO gateway_replica (id, seen_at) VALUES (?, clock_timestamp())"
            + " ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at RETURNING id)"
            + " SELECT id FROM gateway_replica WHERE seen_at > clock_timestamp() - interval '3 seconds'"
            + " UNION SELECT id FROM me ORDER BY id";
    /** Windows older than this many seconds are deleted at a heartbeat. */
    private static final long KEEP_SECONDS = 10;
    private final JdbcUnitOfWork unitOfWork;

    public JdbcGatewayBudget(JdbcUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public int lease(String bucket, String key, long window, int want, int limit) {
        int asked = Math.max(0, Math.min(want, limit));
        return unitOfWork.withConnection(connection -> {
            try (PreparedStatement s = connection.prepareStatement(LEASE)) {
                s.setString(1, bucket);
                s.setBytes(2, SecretDigest.of(key).bytes());
                s.setLong(3, window);
                s.setInt(4, asked);
                s.setInt(5, asked);
                s.setInt(6, limit);
                s.setInt(7, limit);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public Membership heartbeat(String replica) {
        return unitOfWork.withConnection(connection -> {
            List<String> alive = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement(HEARTBEAT)) {
                s.setString(1, replica);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        alive.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM gateway_rate_budget WHERE window_start < ?")) {
                s.setLong(1, System.currentTimeMillis() / 1000 - KEEP_SECONDS);
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "DELETE FROM gateway_replica WHERE seen_at < clock_timestamp() - interval '1 minute'")) {
                s.executeUpdate();
            }
            return new Membership(Math.max(1, alive.size()), Math.max(0, alive.indexOf(replica)));
        });
    }

    @Override
    public void leave(String replica) {
        unitOfWork.withConnection(connection -> {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM gateway_replica WHERE id = ?")) {
                s.setString(1, replica);
                return s.executeUpdate();
            }
        });
    }
}

package io.portcullis.adapters.persistence.audit;

import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.shared.port.out.AuditLogRepository;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditFilter;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The audit log in table {@code audit_log}. Appends are one INSERT in the transaction in progress, sent with its
 * COMMIT ({@link JdbcUnitOfWork#atCommit}: nothing reads an entry back in the transaction that writes it). Reads build their WHERE clause from the filters given, so each combination is plain SQL that the
 * matching index serves (a catch-all {@code (:x IS NULL OR …)} statement would defeat them once generically planned).
 */
@Singleton
public final class JdbcAuditLogRepository implements AuditLogRepository {
    private static final String APPEND = "INSERT INTO audit_log (id, time, action, actor_user_id, actor_client_id,"
            + " client_address, target_type, target_id, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private final AuditLogRowRepository rows;
    private final JdbcUnitOfWork unitOfWork;

    public JdbcAuditLogRepository(AuditLogRowRepository rows, JdbcUnitOfWork unitOfWork) {
        this.rows = rows;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public void append(AuditEntry entry) {
        AuditLogRow r = AuditLogRow.of(entry);
        unitOfWork.atCommit(APPEND, (s, i) -> {
            s.setObject(i, r.id());
            s.setObject(i + 1, r.time().atOffset(ZoneOffset.UTC));
            s.setString(i + 2, r.action());
            s.setObject(i + 3, r.actorUserId());
            s.setString(i + 4, r.actorClientId());
            s.setString(i + 5, r.clientAddress());
            s.setString(i + 6, r.targetType());
            s.setString(i + 7, r.targetId());
            s.setString(i + 8, r.outcome());
            s.setString(i + 9, r.detail());
            return i + 10;
        });
    }

    @Override
    public List<AuditEntry> find(AuditFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT id, time, action, actor_user_id, actor_client_id, client_address,"
                + " target_type, target_id, outcome, detail FROM audit_log WHERE true");
        List<Object> args = new ArrayList<>();
        filter.action().ifPresent(a -> {
            sql.append(" AND action = ?");
            args.add(a.wire());
        });
        filter.user().ifPresent(u -> {
            sql.append(" AND (actor_user_id = ? OR (target_type = 'user' AND target_id = ?))");
            args.add(u);
            args.add(u.toString());
        });
        filter.since().ifPresent(s -> {
            sql.append(" AND time >= ?");
            args.add(Timestamp.from(s));
        });
        filter.until().ifPresent(u -> {
            sql.append(" AND time < ?");
            args.add(Timestamp.from(u));
        });
        filter.after().ifPresent(a -> {
            sql.append(" AND (time, id) < (SELECT time, id FROM audit_log WHERE id = ?)");
            args.add(a);
        });
        sql.append(" ORDER BY time DESC, id DESC LIMIT ?");
        args.add(filter.limit());
        return unitOfWork.withConnection(connection -> {
            try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    List<AuditEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs).toEntry());
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return rows.deleteBefore(cutoff);
    }

    private static AuditLogRow row(ResultSet rs) throws SQLException {
        return new AuditLogRow(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10));
    }
}

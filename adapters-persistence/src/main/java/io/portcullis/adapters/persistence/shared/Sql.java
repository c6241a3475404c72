package io.portcullis.adapters.persistence.shared;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Small, typed JDBC statements for the repositories: bind positional values, map rows. */
public final class Sql {
    /** PostgreSQL's code for a unique-constraint violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    private final JdbcUnitOfWork uow;

    public Sql(JdbcUnitOfWork uow) {
        this.uow = uow;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return uow.withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        });
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public int update(String sql, Object... params) {
        return uow.withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.executeUpdate();
            }
        });
    }

    /** Runs an update of one row; false when no row matched or a unique constraint refused it. */
    public boolean updateUnique(String sql, Object... params) {
        return writeUnique(sql, params) == 1;
    }

    /** Runs an insert; false when a unique constraint refused it (savepoint keeps the transaction usable). */
    public boolean insertUnique(String sql, Object... params) {
        return writeUnique(sql, params) >= 0;
    }

    /** Rows written, or -1 when a unique constraint refused the statement. */
    private int writeUnique(String sql, Object... params) {
        return uow.withConnection(c -> {
            var savepoint = c.getAutoCommit() ? null : c.setSavepoint();
            try (PreparedStatement ps = prepare(c, sql, params)) {
                int rows = ps.executeUpdate();
                if (savepoint != null) {
                    c.releaseSavepoint(savepoint);
                }
                return rows;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    if (savepoint != null) {
                        c.rollback(savepoint);
                    }
                    return -1;
                }
                throw e;
            }
        });
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                ps.setObject(i + 1, instant.atOffset(java.time.ZoneOffset.UTC));
            } else if (p instanceof TextArray arr) {
                Array array = c.createArrayOf("text", arr.values().toArray());
                ps.setArray(i + 1, array);
            } else if (p instanceof NullOf n) {
                ps.setNull(i + 1, n.sqlType());
            } else {
                ps.setObject(i + 1, p);
            }
        }
        return ps;
    }

    /** A {@code text[]} parameter. */
    public record TextArray(List<String> values) {
    }

    /** A typed SQL NULL parameter. */
    public record NullOf(int sqlType) {
        public static final NullOf TIMESTAMP = new NullOf(java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        public static final NullOf TEXT = new NullOf(java.sql.Types.VARCHAR);
        public static final NullOf UUID_TYPE = new NullOf(java.sql.Types.OTHER);
    }

    public static Object nullableInstant(Instant i) {
        return i == null ? NullOf.TIMESTAMP : i;
    }

    public static Object nullableText(String s) {
        return s == null ? NullOf.TEXT : s;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime ts = rs.getObject(column, java.time.OffsetDateTime.class);
        return ts == null ? null : ts.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}

package io.portcullis.adapters.persistence.shared;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection pool, failing fast while the database is down. Once the pool could not connect, every request for a
 * connection is refused at once instead of waiting out the pool's timeout, except that one caller at a time, every
 * {@link #PROBE_INTERVAL_MILLIS} ms, asks the pool again: the first to get a connection ends the outage. So an outage
 * costs each request a few microseconds, not a thread held for the pool timeout, and recovery needs no restart.
 * A pool merely busy (timed out without a connection failure) does not count as an outage.
 */
public final class FailFastDataSource implements DataSource {
    static final long PROBE_INTERVAL_MILLIS = 250;
    private final DataSource pool;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean down;
    private volatile long nextProbeNanos;

    public FailFastDataSource(DataSource pool) {
        this.pool = pool;
    }

    /** True while the last attempt to reach the database failed. */
    public boolean down() {
        return down;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(null, null);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(username, password);
    }

    private Connection connect(String username, String password) throws SQLException {
        boolean probe = false;
        if (down) {
            if (System.nanoTime() - nextProbeNanos < 0 || !probing.compareAndSet(false, true)) {
                throw new SQLTransientConnectionException("the database is unavailable (failing fast until it answers again)",
                        "08001");
            }
            probe = true;
        }
        try {
            Connection connection = username == null ? pool.getConnection() : pool.getConnection(username, password);
            down = false;
            return connection;
        } catch (SQLException e) {
            if (probe || cannotConnect(e)) {
                nextProbeNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MILLIS);
                down = true;
            }
            throw e;
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    /** The pool could not open a connection (SQLSTATE class 08, or the server shutting down or starting). */
    static boolean cannotConnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}

package io.portcullis.adapters.persistence.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection pool, failing fast while the database is down. Once the pool could not connect, every request for a
 * connection is refused at once instead of waiting out the pool's timeout, and a thread of its own tries, every
 * {@link #PROBE_INTERVAL_MILLIS} ms, to open a connection: the first that opens ends the outage. So an outage costs
 * each request a few microseconds, not a thread held for the pool timeout, and recovery needs no restart.
 * A pool merely busy (timed out without a connection failure) does not count as an outage.
 *
 * <p>The probe opens its connection outside a Hikari pool, and the pool's minimum of idle connections is 0 while the
 * database is down: Hikari's connection adder retries with a backoff doubling up to 5 s as long as someone waits for a
 * connection or the pool is below its minimum, and it is a single thread, so an adder still looping when the database
 * came back kept the pool empty for up to 5 s after it did. Without waiters and without a minimum it stops at once.
 */
public final class FailFastDataSource implements DataSource {
    static final long PROBE_INTERVAL_MILLIS = 250;
    private final DataSource pool;
    private final PostgresNotifications.ConnectionOpener probe;
    private final HikariDataSource hikari;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean down;
    private int minimumIdle;

    public FailFastDataSource(DataSource pool) {
        this.pool = pool;
        this.hikari = DirectConnections.hikari(pool);
        this.probe = DirectConnections.of(pool).orElse(pool::getConnection);
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
        if (down) {
            throw new SQLTransientConnectionException("the database is unavailable (failing fast until it answers again)",
                    "08001");
        }
        try {
            return username == null ? pool.getConnection() : pool.getConnection(username, password);
        } catch (SQLException e) {
            if (cannotConnect(e)) {
                outage();
            }
            throw e;
        }
    }

    /** Fails fast from now on, and probes the database on a thread of its own until it answers. */
    private void outage() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        down = true;
        if (hikari != null) {
            minimumIdle = hikari.getMinimumIdle();
            hikari.getHikariConfigMXBean().setMinimumIdle(0);
        }
        Thread prober = new Thread(this::probeUntilAnswered, "portcullis-database-probe");
        prober.setDaemon(true);
        prober.start();
    }

    private void probeUntilAnswered() {
        while (hikari == null || !hikari.isClosed()) {
            try {
                Thread.sleep(PROBE_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try (Connection connection = probe.open()) {
                if (hikari != null) {
                    hikari.getHikariConfigMXBean().setMinimumIdle(minimumIdle);
                }
                down = false;
                probing.set(false);
                return;
            } catch (SQLException | RuntimeException stillDown) {
                // next probe in a moment
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

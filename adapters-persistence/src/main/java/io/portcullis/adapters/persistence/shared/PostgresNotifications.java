package io.portcullis.adapters.persistence.shared;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what the database announces on one channel ({@code pg_notify} in triggers, delivered on commit) with
 * {@code LISTEN} on a connection of its own, outside the pool, and hands each payload to a {@link Receiver} on a
 * thread of its own. When the connection fails or stops answering the receiver is told it was
 * {@linkplain Receiver#interrupted() interrupted} at once, and {@link Receiver#listening() listening} again only
 * after {@code LISTEN} succeeded on a new connection.
 */
public class PostgresNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final int WAIT_MILLIS = 250;
    private static final long PROBE_AFTER_NANOS = 1_000_000_000L;
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    private final ConnectionOpener opener;
    private final String channel;
    private final String applicationName;
    private volatile boolean running = true;
    private volatile Connection current;
    private Thread thread;

    /** How a new, dedicated connection is opened. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /** What is told of the channel; calls come from one thread, in commit order. */
    public interface Receiver {
        void received(String payload);

        void listening();

        void interrupted();
    }

    protected PostgresNotifications(ConnectionOpener opener, String channel, String applicationName) {
        this.opener = opener;
        this.channel = channel;
        this.applicationName = applicationName;
    }

    /**
     * Starts listening: each payload to {@code received}, and {@code listening} / {@code interrupted} as the
     * connection comes and goes; once per instance.
     */
    protected final void start(java.util.function.Consumer<String> received, Runnable listening, Runnable interrupted) {
        start(new Receiver() {
            @Override
            public void received(String payload) {
                received.accept(payload);
            }

            @Override
            public void listening() {
                listening.run();
            }

            @Override
            public void interrupted() {
                interrupted.run();
            }
        });
    }

    /** Starts listening for {@code receiver}; once per instance. */
    protected final synchronized void start(Receiver receiver) {
        if (thread != null) {
            throw new IllegalStateException("one listener per replica");
        }
        thread = new Thread(() -> listen(receiver), applicationName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops listening (at shutdown: the bean's pre-destroy method). */
    @Override
    @PreDestroy
    public void close() {
        running = false;
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    private void listen(Receiver receiver) {
        long backoff = 50;
        while (running) {
            try (Connection connection = opener.open()) {
                current = connection;
                try (Statement s = connection.createStatement()) {
                    s.execute("SET application_name = '" + applicationName + "'");
                    s.execute("LISTEN " + channel);
                }
                receiver.listening();
                backoff = 50;
                receive(connection.unwrap(PGConnection.class), connection, receiver);
            } catch (SQLException | RuntimeException e) {
                receiver.interrupted();
                if (running) {
                    LOG.warn("Not receiving {} ({}); what is cached from it is not used until this recovers", channel,
                            e.getMessage());
                    pause(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            } finally {
                current = null;
            }
        }
        receiver.interrupted();
    }

    private void receive(PGConnection pg, Connection connection, Receiver receiver) throws SQLException {
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification n : notifications) {
                    receiver.received(n.getParameter());
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > PROBE_AFTER_NANOS) {
                // a connection can die without the socket saying so: ask, so an outage is noticed within a second or two
                if (!connection.isValid(1)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A connection like the pool's, but not from it: the pool would retire it, and it would hold a pool slot forever. */
    protected static ConnectionOpener opener(DataSource dataSource) {
        DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
        HikariDataSource hikari = hikari(pool);
        if (hikari != null && hikari.getJdbcUrl() != null) {
            return () -> {
                Properties properties = new Properties();
                properties.putAll(hikari.getDataSourceProperties());
                if (hikari.getUsername() != null) {
                    properties.setProperty("user", hikari.getUsername());
                }
                if (hikari.getPassword() != null) {
                    properties.setProperty("password", hikari.getPassword());
                }
                properties.setProperty("connectTimeout", "2");
                return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
            };
        }
        return pool::getConnection;
    }

    /** The Hikari pool, also from inside a wrapper (the fail-fast one): a pooled connection must never listen. */
    private static HikariDataSource hikari(DataSource pool) {
        try {
            return pool.isWrapperFor(HikariDataSource.class) ? pool.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}

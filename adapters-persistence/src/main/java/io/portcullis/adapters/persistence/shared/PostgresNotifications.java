package io.portcullis.adapters.persistence.shared;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
public final class PostgresNotifications implements AutoCloseable {
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

    /** Listens on {@code channel} over connections opened by {@code opener}, named {@code applicationName} in PostgreSQL. */
    public PostgresNotifications(ConnectionOpener opener, String channel, String applicationName) {
        this.opener = opener;
        this.channel = channel;
        this.applicationName = applicationName;
    }

    /**
     * Starts listening: each payload to {@code received}, and {@code listening} / {@code interrupted} as the
     * connection comes and goes; once per instance.
     */
    public void start(java.util.function.Consumer<String> received, Runnable listening, Runnable interrupted) {
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
    public synchronized void start(Receiver receiver) {
        if (thread != null) {
            throw new IllegalStateException("one listener per replica");
        }
        thread = new Thread(() -> listen(receiver), applicationName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops listening (at shutdown: the bean's pre-destroy method, see bootstrap's wiring). */
    @Override
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

    /**
     * Listens on {@code channel} over connections like the pool's, but not from it: the pool would retire a listening
     * connection, and it would hold a pool slot forever.
     */
    public static PostgresNotifications of(DataSource dataSource, String channel, String applicationName) {
        return new PostgresNotifications(opener(dataSource), channel, applicationName);
    }

    private static ConnectionOpener opener(DataSource dataSource) {
        return DirectConnections.of(dataSource).orElse(DelegatingDataSource.unwrapDataSource(dataSource)::getConnection);
    }
}

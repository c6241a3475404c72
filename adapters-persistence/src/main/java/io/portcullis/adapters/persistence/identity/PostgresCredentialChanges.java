package io.portcullis.adapters.persistence.identity;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.portcullis.application.identity.port.out.CredentialChangesPort;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the credential changes the database announces on commit (migration V7: triggers on {@code api_key} and
 * {@code app_user} call {@code pg_notify}) with {@code LISTEN} on a connection of its own, outside the pool, and
 * reports them to the subscribed listener. When the connection fails or stops answering, the listener is told it
 * was {@linkplain CredentialChangesPort.Listener#interrupted() interrupted} at once, and {@code listening()} again
 * only after {@code LISTEN} succeeded on a new connection.
 */
@Singleton
public final class PostgresCredentialChanges implements CredentialChangesPort, AutoCloseable {
    static final String CHANNEL = "portcullis_credentials";
    static final String APPLICATION_NAME = "portcullis-credential-changes";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCredentialChanges.class);
    private static final int WAIT_MILLIS = 250;
    private static final long PROBE_AFTER_NANOS = 1_000_000_000L;
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    private final ConnectionOpener opener;
    private volatile boolean running = true;
    private volatile Connection current;
    private Thread thread;

    /** How a new, dedicated connection is opened. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    @Inject
    PostgresCredentialChanges(DataSource dataSource) {
        this(opener(DelegatingDataSource.unwrapDataSource(dataSource)));
    }

    public PostgresCredentialChanges(ConnectionOpener opener) {
        this.opener = opener;
    }

    @Override
    public synchronized void subscribe(Listener listener) {
        if (thread != null) {
            throw new IllegalStateException("one listener per replica");
        }
        thread = new Thread(() -> listen(listener), APPLICATION_NAME);
        thread.setDaemon(true);
        thread.start();
    }

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

    private void listen(Listener listener) {
        long backoff = 50;
        while (running) {
            try (Connection connection = opener.open()) {
                current = connection;
                try (Statement s = connection.createStatement()) {
                    s.execute("SET application_name = '" + APPLICATION_NAME + "'");
                    s.execute("LISTEN " + CHANNEL);
                }
                listener.listening();
                backoff = 50;
                receive(connection.unwrap(PGConnection.class), connection, listener);
            } catch (SQLException | RuntimeException e) {
                listener.interrupted();
                if (running) {
                    LOG.warn("Not receiving credential changes ({}); cached credentials are not used until this recovers",
                            e.getMessage());
                    pause(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            } finally {
                current = null;
            }
        }
        listener.interrupted();
    }

    private void receive(PGConnection pg, Connection connection, Listener listener) throws SQLException {
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification n : notifications) {
                    dispatch(n.getParameter(), listener);
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

    static void dispatch(String payload, Listener listener) {
        try {
            if (payload.startsWith("k:")) {
                listener.keyChanged(payload.substring(2));
            } else if (payload.startsWith("u:")) {
                listener.userChanged(UUID.fromString(payload.substring(2)));
            } else {
                listener.everythingChanged();
            }
        } catch (IllegalArgumentException unreadable) {
            listener.everythingChanged();
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
    private static ConnectionOpener opener(DataSource pool) {
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

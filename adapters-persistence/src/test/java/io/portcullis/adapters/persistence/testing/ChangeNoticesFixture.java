package io.portcullis.adapters.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the LISTEN/NOTIFY tests share: a fresh database per test, the queue a channel's listener writes what it was told
 * to, one listening connection (closed after the test), and SQL run beside the adapters.
 */
public abstract class ChangeNoticesFixture {
    protected static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    protected final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    protected ApplicationContext context;
    private PostgresNotifications notifications;

    @BeforeEach
    void openDatabase() {
        context = TestDatabase.fresh();
    }

    @AfterEach
    void stopListening() {
        if (notifications != null) {
            notifications.close();
        }
    }

    /** Opens the channel's connection, hands it to the notices under test ({@code subscribe}) and waits until it listens. */
    protected void listen(String channel, String applicationName, Consumer<PostgresNotifications> subscribe)
            throws InterruptedException {
        notifications = PostgresNotifications.of(context.getBean(DataSource.class), channel, applicationName);
        subscribe.accept(notifications);
        assertThat(next(5000)).isEqualTo("listening");
    }

    /** The next thing the listener was told, or null after {@code millis}. */
    protected String next(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    protected void execute(String sql) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class)).getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package io.portcullis.adapters.persistence.oauth;

import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import io.portcullis.application.oauth.port.out.ClientChangesPort;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Receives the client changes the database announces on commit (migration V13: triggers on {@code oauth2_app} and
 * {@code oauth2_app_secret} call {@code pg_notify}) with {@code LISTEN} on a connection of its own
 * ({@link PostgresNotifications}), and reports them to the subscribed listener.
 */
@Singleton
public final class PostgresClientChanges extends PostgresNotifications implements ClientChangesPort {
    static final String CHANNEL = "portcullis_clients";
    static final String APPLICATION_NAME = "portcullis-client-changes";

    @Inject
    PostgresClientChanges(DataSource dataSource) {
        this(opener(dataSource));
    }

    public PostgresClientChanges(ConnectionOpener opener) {
        super(opener, CHANNEL, APPLICATION_NAME);
    }

    @Override
    public void subscribe(Listener listener) {
        start(payload -> dispatch(payload, listener), listener::listening, listener::interrupted);
    }

    /** {@code a:<client id>}; anything else (or unreadable): everything. */
    static void dispatch(String payload, Listener listener) {
        try {
            if (payload.startsWith("a:")) {
                listener.clientChanged(UUID.fromString(payload.substring(2)));
            } else {
                listener.everythingChanged();
            }
        } catch (IllegalArgumentException unreadable) {
            listener.everythingChanged();
        }
    }
}

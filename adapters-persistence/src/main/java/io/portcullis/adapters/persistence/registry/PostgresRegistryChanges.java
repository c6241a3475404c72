package io.portcullis.adapters.persistence.registry;

import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import io.portcullis.application.registry.port.out.RegistryChangesPort;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Receives the registry changes the database announces on commit (migration V12: triggers on {@code mcp_server} and
 * {@code mcp_server_user_token} call {@code pg_notify}) with {@code LISTEN} on a connection of its own
 * ({@link PostgresNotifications}), and reports them to the subscribed listener.
 */
@Singleton
public final class PostgresRegistryChanges extends PostgresNotifications implements RegistryChangesPort {
    static final String CHANNEL = "portcullis_registry";
    static final String APPLICATION_NAME = "portcullis-registry-changes";

    @Inject
    PostgresRegistryChanges(DataSource dataSource) {
        this(opener(dataSource));
    }

    public PostgresRegistryChanges(ConnectionOpener opener) {
        super(opener, CHANNEL, APPLICATION_NAME);
    }

    @Override
    public void subscribe(Listener listener) {
        start(payload -> dispatch(payload, listener), listener::listening, listener::interrupted);
    }

    /** {@code s:<server id>}, {@code t:<server id>:<user id>}, anything else (or unreadable): everything. */
    static void dispatch(String payload, Listener listener) {
        try {
            if (payload.startsWith("s:")) {
                listener.serverChanged(UUID.fromString(payload.substring(2)));
            } else if (payload.startsWith("t:") && payload.indexOf(':', 2) > 0) {
                int colon = payload.indexOf(':', 2);
                listener.tokenChanged(UUID.fromString(payload.substring(2, colon)), UUID.fromString(payload.substring(colon + 1)));
            } else {
                listener.everythingChanged();
            }
        } catch (IllegalArgumentException unreadable) {
            listener.everythingChanged();
        }
    }
}

package io.portcullis.adapters.persistence.registry;

import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import io.portcullis.application.registry.port.out.RegistryChangesPort;
import java.util.UUID;

/**
 * The registry changes the database announces on commit (migration V12: triggers on {@code mcp_server} and
 * {@code mcp_server_user_token} call {@code pg_notify}): the channel, and the decoding of its payloads.
 */
public final class RegistryChangeNotices implements RegistryChangesPort {
    public static final String CHANNEL = "portcullis_registry";
    public static final String APPLICATION_NAME = "portcullis-registry-changes";

    private final PostgresNotifications notifications;

    /** The port over {@code notifications} (listening on {@link #CHANNEL}): subscribers are told what arrives, decoded. */
    public RegistryChangeNotices(PostgresNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void subscribe(Listener listener) {
        notifications.start(payload -> dispatch(payload, listener), listener::listening, listener::interrupted);
    }

    /** {@code s:<server id>}, {@code t:<server id>:<user id>}, anything else (or unreadable): everything. */
    static void dispatch(String payload, RegistryChangesPort.Listener listener) {
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

package io.portcullis.adapters.persistence.oauth;

import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import io.portcullis.application.oauth.port.out.ClientChangesPort;
import java.util.UUID;

/**
 * The client changes the database announces on commit (migration V13: triggers on {@code oauth2_app} and
 * {@code oauth2_app_secret} call {@code pg_notify}): the channel, and the decoding of its payloads.
 */
public final class ClientChangeNotices implements ClientChangesPort {
    public static final String CHANNEL = "portcullis_clients";
    public static final String APPLICATION_NAME = "portcullis-client-changes";

    private final PostgresNotifications notifications;

    /** The port over {@code notifications} (listening on {@link #CHANNEL}): subscribers are told what arrives, decoded. */
    public ClientChangeNotices(PostgresNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void subscribe(Listener listener) {
        notifications.start(payload -> dispatch(payload, listener), listener::listening, listener::interrupted);
    }

    /** {@code a:<client id>}; anything else (or unreadable): everything. */
    static void dispatch(String payload, ClientChangesPort.Listener listener) {
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

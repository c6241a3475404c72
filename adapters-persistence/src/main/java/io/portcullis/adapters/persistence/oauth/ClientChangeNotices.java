package io.portcullis.adapters.persistence.oauth;

import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import io.portcullis.application.oauth.port.out.ClientChangesPort;
import java.util.UUID;

/**
 * The client changes the database announces on commit (migration V13: triggers on {@code oauth2_app} and
 * {@code oauth2_app_secret} call {@code pg_notify}): the channel, and the decoding of its payloads.
 */
public final class ClientChangeNotices {
    public static final String CHANNEL = "portcullis_clients";
    public static final String APPLICATION_NAME = "portcullis-client-changes";

    private ClientChangeNotices() {
    }

    /** The port: each subscriber is told what {@code notifications} receive, decoded. */
    public static ClientChangesPort port(PostgresNotifications notifications) {
        return listener -> notifications.start(payload -> dispatch(payload, listener), listener::listening,
                listener::interrupted);
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

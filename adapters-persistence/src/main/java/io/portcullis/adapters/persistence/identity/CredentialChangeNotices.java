package io.portcullis.adapters.persistence.identity;

import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import io.portcullis.application.identity.port.out.CredentialChangesPort;
import java.util.UUID;

/**
 * The credential changes the database announces on commit (migration V7: triggers on {@code api_key} and
 * {@code app_user} call {@code pg_notify}): the channel, and the decoding of its payloads for a
 * {@link CredentialChangesPort.Listener}, which {@link PostgresNotifications} tells at once when the connection fails.
 */
public final class CredentialChangeNotices implements CredentialChangesPort {
    public static final String CHANNEL = "portcullis_credentials";
    public static final String APPLICATION_NAME = "portcullis-credential-changes";

    private final PostgresNotifications notifications;

    /** The port over {@code notifications} (listening on {@link #CHANNEL}): subscribers are told what arrives, decoded. */
    public CredentialChangeNotices(PostgresNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void subscribe(Listener listener) {
        notifications.start(payload -> dispatch(payload, listener), listener::listening, listener::interrupted);
    }

    static void dispatch(String payload, CredentialChangesPort.Listener listener) {
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
}

package io.portcullis.adapters.persistence.identity;

import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import io.portcullis.application.identity.port.out.CredentialChangesPort;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Receives the credential changes the database announces on commit (migration V7: triggers on {@code api_key} and
 * {@code app_user} call {@code pg_notify}) with {@code LISTEN} on a connection of its own ({@link PostgresNotifications}),
 * and reports them to the subscribed listener, which is told at once when the connection fails or stops answering.
 */
@Singleton
public final class PostgresCredentialChanges extends PostgresNotifications implements CredentialChangesPort {
    static final String CHANNEL = "portcullis_credentials";
    static final String APPLICATION_NAME = "portcullis-credential-changes";

    @Inject
    PostgresCredentialChanges(DataSource dataSource) {
        this(opener(dataSource));
    }

    public PostgresCredentialChanges(ConnectionOpener opener) {
        super(opener, CHANNEL, APPLICATION_NAME);
    }

    @Override
    public void subscribe(Listener listener) {
        start(payload -> dispatch(payload, listener), listener::listening, listener::interrupted);
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
}

package io.portcullis.application.identity.port.out;

import java.util.UUID;

/**
 * Changes to stored credentials made by any replica, announced by the store when the changing transaction commits
 * (never for a rollback). A replica that caches credentials listens here; while it is not {@link Listener#listening()
 * listening} it may have missed changes and must not trust what it cached.
 */
public interface CredentialChangesPort {
    /** Starts delivering changes to {@code listener}, on a thread of the adapter's own. */
    void subscribe(Listener listener);

    /** What the store reports; calls come from one thread, in commit order. */
    interface Listener {
        /** The key was deleted (revoked, logged out, expired and purged) or changed other than by being used. */
        void keyChanged(String keyId);

        /** The user was suspended, changed or deleted. */
        void userChanged(UUID userId);

        /** Anything may have changed (tables emptied, or a report that could not be read). */
        void everythingChanged();

        /** From now on every change is reported. */
        void listening();

        /** Changes may go unreported until {@link #listening()} is called again (the connection was lost). */
        void interrupted();
    }
}

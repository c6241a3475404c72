package io.portcullis.application.oauth.port.out;

import java.util.UUID;

/**
 * Changes to OAuth clients and their secrets, as every replica learns of them from the store (so an in-memory copy
 * of a client or a secret digest is never trusted after it changed anywhere).
 */
public interface ClientChangesPort {
    /** Starts delivering changes to {@code listener}, on a thread of the adapter's own. */
    void subscribe(Listener listener);

    /** What the store reports; calls come from one thread, in commit order. */
    interface Listener {
        /** The client, or one of its secrets, was changed or deleted. */
        void clientChanged(UUID clientId);

        /** Anything may have changed (tables emptied, or a report that could not be read). */
        void everythingChanged();

        /** From now on every change is reported. */
        void listening();

        /** Changes may go unreported until {@link #listening()} is called again (the connection was lost). */
        void interrupted();
    }
}

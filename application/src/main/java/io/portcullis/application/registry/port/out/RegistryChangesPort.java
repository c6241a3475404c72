package io.portcullis.application.registry.port.out;

import java.util.UUID;

/**
 * Changes to MCP server configurations and users' upstream tokens made by any replica, announced by the store when
 * the changing transaction commits (never for a rollback). A replica that caches them listens here; while it is not
 * {@link Listener#listening() listening} it may have missed changes and must not trust what it cached.
 */
public interface RegistryChangesPort {
    /** Starts delivering changes to {@code listener}, on a thread of the adapter's own. */
    void subscribe(Listener listener);

    /** What the store reports; calls come from one thread, in commit order. */
    interface Listener {
        /** The server was edited (enabled, disabled, credentials, tool lists, slug, ...) or deleted. */
        void serverChanged(UUID serverId);

        /** The user's token for the server was stored, refreshed or deleted (a disconnect). */
        void tokenChanged(UUID serverId, UUID userId);

        /** Anything may have changed (tables emptied, or a report that could not be read). */
        void everythingChanged();

        /** From now on every change is reported. */
        void listening();

        /** Changes may go unreported until {@link #listening()} is called again (the connection was lost). */
        void interrupted();
    }
}

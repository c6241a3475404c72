package io.portcullis.application.identity.port.out;

import java.util.UUID;

/**
 * What a user holds at upstream MCP servers (the registry's connections), ended there when the user is deleted;
 * bootstrap answers it with the registry's {@code DisconnectUpstreamUseCase}.
 */
public interface UpstreamAccessPort {
    /** Nothing held anywhere: for deployments and tests without the registry. */
    UpstreamAccessPort NONE = userId -> () -> { };

    /**
     * Reads, inside the deleting transaction, what {@code userId} holds upstream; the returned action revokes it
     * there (best effort) and is run after the transaction has committed.
     */
    Runnable revocationOfAll(UUID userId);
}

package io.portcullis.application.registry.port.in;

import java.util.UUID;

/**
 * Whether this replica holds in memory everything the gateway needs from the registry for one request — the server
 * published at a slug and, for OAuth servers, the user's current upstream token — so the request can be checked
 * without a database round trip (and without leaving the network thread).
 */
public interface CachedRegistryUseCase {
    /** True when finding the server at {@code slug} and {@code userId}'s credentials for it would read no store. */
    boolean holds(String slug, UUID userId);
}

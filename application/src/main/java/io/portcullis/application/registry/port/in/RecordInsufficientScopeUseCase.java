package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.registry.RegistryError;
import java.util.Optional;

/**
 * An upstream MCP server answered the user's token with 403 {@code insufficient_scope} (RFC 6750 §3.1): the user's
 * connection is marked as needing {@code scope} too, and the next connect asks for the union (MCP step-up).
 */
public interface RecordInsufficientScopeUseCase {
    /** Empty when the server published at {@code slug} holds no oauth2 connection of this user to mark. */
    Optional<StepUp> needsMoreScope(Principal actor, String slug, String scope);

    /** The marked server, and the refusal that tells the user to connect again. */
    record StepUp(String serverId, RegistryError.NotConnected refusal) {
    }
}

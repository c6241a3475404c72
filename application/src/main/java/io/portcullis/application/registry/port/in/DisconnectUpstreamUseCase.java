package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.util.UUID;

/**
 * Ending users' connections to oauth2 upstream MCP servers: the tokens are forgotten here and revoked at the upstream
 * (RFC 7009, best effort: the local tokens are gone whatever the upstream answers, or if it never does).
 */
public interface DisconnectUpstreamUseCase {
    /** The actor's own connection to one server. */
    Result<Void, RegistryError> disconnect(Principal actor, String serverId);

    /**
     * For a user being deleted (identity decides who may): reads every upstream token the user holds now, inside the
     * deleting transaction, while the deletion's cascade takes the rows; the returned action revokes them at their
     * upstreams, to be run once that transaction has committed (no network call while it holds its locks).
     */
    Runnable revocationOfAll(UUID userId);
}

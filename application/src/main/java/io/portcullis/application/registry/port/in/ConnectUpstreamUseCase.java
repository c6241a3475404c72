package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;

/** A user's connection to an oauth2 upstream MCP server: start and finish (callback); ending it is {@link DisconnectUpstreamUseCase}. */
public interface ConnectUpstreamUseCase {
    /** The upstream authorization URL to send the browser to (state, PKCE S256 and resource included). */
    Result<String, RegistryError> connect(Principal actor, String serverId);

    /**
     * Finishes with the code (or error) the upstream sent back; the state must be this user's, for this server, and
     * {@code iss} (may be null) must agree with the issuer recorded at connect (RFC 9207 §2.4).
     */
    Result<String, RegistryError> callback(Principal actor, String serverId, String code, String state, String error, String iss);
}

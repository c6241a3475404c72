package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.util.Map;

/**
 * The headers Portcullis adds when it calls an upstream MCP server for a user (for the gateway): the API key,
 * the custom headers, or the user's OAuth token, refreshed when due. Never returned over the API.
 */
public interface UpstreamCredentialsUseCase {
    Result<Map<String, String>, RegistryError> headersFor(Principal actor, String serverId);
}

package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.util.List;

/** Reading the MCP server registry (PRODUCT §5): owners see every server, members the enabled ones, redacted. */
public interface ViewMcpServersUseCase {
    List<ServerView> list(Principal actor);

    Result<ServerView, RegistryError> get(Principal actor, String id);

    /** A config as one user sees it: {@code redacted} for members, and whether that user is connected. */
    record ServerView(McpServerConfig config, boolean redacted, boolean authConnected) {
    }
}

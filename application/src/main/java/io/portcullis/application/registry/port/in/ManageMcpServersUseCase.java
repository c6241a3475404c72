package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.McpServerDraft;
import io.portcullis.domain.shared.Result;
import java.util.List;

/** The MCP server registry (PRODUCT §5): owners write, everyone reads (members: enabled servers only). */
public interface ManageMcpServersUseCase {
    Result<ServerView, RegistryError> create(Principal actor, McpServerDraft draft);

    Result<ServerView, RegistryError> update(Principal actor, String id, McpServerDraft draft);

    Result<Void, RegistryError> delete(Principal actor, String id);

    List<ServerView> list(Principal actor);

    Result<ServerView, RegistryError> get(Principal actor, String id);

    /** A config as one user sees it: {@code redacted} for members, and whether that user is connected. */
    record ServerView(McpServerConfig config, boolean redacted, boolean authConnected) {
    }
}

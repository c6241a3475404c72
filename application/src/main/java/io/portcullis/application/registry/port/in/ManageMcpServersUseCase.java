package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase.ServerView;
import io.portcullis.domain.registry.McpServerDraft;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;

/** Changes to the MCP server registry (PRODUCT §5), owners only; reading is {@link ViewMcpServersUseCase}. */
public interface ManageMcpServersUseCase {
    Result<ServerView, RegistryError> create(Principal actor, McpServerDraft draft);

    Result<ServerView, RegistryError> update(Principal actor, String id, McpServerDraft draft);

    Result<Void, RegistryError> delete(Principal actor, String id);
}

package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.out.McpUpstreamPort.UpstreamResponse;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.registry.ToolPolicy;
import io.portcullis.domain.shared.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP gateway: a signed-in user's MCP request to {@code /mcp/<slug>} goes to the registered upstream server
 * with the credentials Portcullis brokers for that user, after the server's tool policy allows it.
 */
public interface ForwardMcpRequestUseCase {
    /** {@code toolCalls} are the tool names the body calls ({@code tools/call}), read by the adapter. */
    Result<Forwarded, IdentityError> forward(Principal actor, String slug, String method, Map<String, String> headers,
            byte[] body, List<String> toolCalls);

    /** The upstream's answer and the tool policy its tool listings must be filtered by. */
    record Forwarded(UpstreamResponse response, ToolPolicy policy) {
    }

    /** The display name of the enabled server behind {@code slug}, for its protected resource metadata. */
    Optional<String> resourceName(String slug);
}

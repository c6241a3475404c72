package io.portcullis.application.gateway.port.out;

import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.util.concurrent.CompletionStage;

/**
 * Speaks to an HTTP+SSE (MCP 2024-11-05) upstream as if it were Streamable HTTP: the request's {@code Mcp-Session-Id}
 * names one upstream event stream this bridge holds, owned by {@code owner} (a user and a server) and by no one else.
 * Answers flow as {@link McpUpstreamPort} answers do.
 */
public interface LegacySseUpstreamPort {
    CompletionStage<Result<McpUpstreamPort.UpstreamResponse, GatewayError.UpstreamUnreachable>> send(String owner,
            McpUpstreamPort.UpstreamRequest request);
}

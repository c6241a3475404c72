package io.portcullis.application.gateway.port.in;

import io.portcullis.application.identity.port.in.Principal;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The aggregated MCP server at {@code /mcp} (PRODUCT §10): one server over every server the user may use — enabled,
 * not {@code default_off}, within the key's allow list — answering {@code initialize} itself, merging tools, prompts
 * and resources under {@code <slug>__<name>} (resource URIs as {@code portcullis://<slug>/<uri>}), and routing calls
 * to their server under the original name through the gateway relay (credentials, tool policy, bridging).
 */
public interface AggregateMcpUseCase {
    /** Answers one JSON-RPC message; the stage completes when every server it needed answered or failed. */
    CompletionStage<AggregateAnswer> handle(AggregateMcpCommand command);

    record AggregateMcpCommand(Principal actor, byte[] body) {
        public AggregateMcpCommand {
            body = body == null ? new byte[0] : body;
        }
    }

    /**
     * {@code status} 200 with a JSON-RPC message, 202 with no body (a notification or response was received), or 400
     * with a JSON-RPC error; {@code omitted} says which servers were left out of a listing and why (for the log).
     */
    record AggregateAnswer(int status, byte[] body, List<String> omitted) {
        public AggregateAnswer {
            body = body == null ? new byte[0] : body;
            omitted = List.copyOf(omitted);
        }
    }
}

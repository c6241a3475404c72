package io.portcullis.application.gateway.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.ClientAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The aggregated MCP server at {@code /mcp} (PRODUCT §10): one server over every server the user may use — enabled,
 * on for the user ({@code default_off} ones once the user connected their account), within the key's allow list — answering {@code initialize} itself, merging tools, prompts
 * and resources under {@code <slug>__<name>} (resource URIs as {@code portcullis://<slug>/<uri>}), and routing calls
 * to their server under the original name through the gateway relay (credentials, tool policy, bridging).
 */
public interface AggregateMcpUseCase {
    /** Answers one JSON-RPC message; the stage completes when every server it needed answered or failed. */
    CompletionStage<AggregateAnswer> handle(AggregateMcpCommand command);

    /** {@code from}: the client's address, which the per-address limit counts as at {@code /mcp/<slug>} (PRODUCT §10). */
    record AggregateMcpCommand(Principal actor, byte[] body, Optional<ClientAddress> from) {
        public AggregateMcpCommand {
            body = body == null ? new byte[0] : body;
        }

        /** A message whose client address is not known (counted by the per-token limit only). */
        public AggregateMcpCommand(Principal actor, byte[] body) {
            this(actor, body, Optional.empty());
        }
    }

    /**
     * {@code status} 200 with a JSON-RPC message, 202 with no body (a notification or response was received), or 400
     * with a JSON-RPC error; {@code omitted} says which servers were left out of a listing and why (for the log);
     * {@code refusal}, with status 429, is the rate limit the request ran into — answered as {@code /mcp/<slug>} answers it.
     */
    record AggregateAnswer(int status, byte[] body, List<String> omitted, Optional<GatewayError> refusal) {
        public AggregateAnswer {
            body = body == null ? new byte[0] : body;
            omitted = List.copyOf(omitted);
        }

        public AggregateAnswer(int status, byte[] body, List<String> omitted) {
            this(status, body, omitted, Optional.empty());
        }

        public static AggregateAnswer refused(GatewayError.RateLimited limit) {
            return new AggregateAnswer(429, new byte[0], List.of(), Optional.of(limit));
        }
    }
}

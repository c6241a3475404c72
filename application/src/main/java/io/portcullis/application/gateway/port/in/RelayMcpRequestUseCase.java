package io.portcullis.application.gateway.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The MCP gateway: a signed-in user's MCP request to {@code /mcp/<slug>} goes to the registered upstream server
 * with the credentials Portcullis brokers for that user, after the server's tool policy allows it; tools the
 * policy refuses are removed from the answer's tool listings. The answer is relayed as it flows (PRODUCT §10).
 */
public interface RelayMcpRequestUseCase {
    /**
     * Checks and sends the request; the stage completes when the upstream's status and headers arrived, or with
     * the refusal. The checks run on the calling thread, the wait for the upstream on none.
     */
    CompletionStage<Result<RelayedAnswer, GatewayError>> relay(RelayMcpRequestCommand command);

    /**
     * One Streamable HTTP request: {@code headers} are the MCP-relevant ones the client sent, {@code body} may be
     * empty; {@code from} is the client's address, which the per-address limit counts (PRODUCT §10).
     */
    record RelayMcpRequestCommand(Principal actor, String slug, String method, Map<String, String> headers, byte[] body,
            Optional<ClientAddress> from) {
        public RelayMcpRequestCommand {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        /** A request whose client address is not known (counted by the per-token limit only). */
        public RelayMcpRequestCommand(Principal actor, String slug, String method, Map<String, String> headers, byte[] body) {
            this(actor, slug, method, headers, body, Optional.empty());
        }
    }

    /** The upstream's answer as the client gets it: status, MCP-relevant headers (lower-case names), body as it flows. */
    record RelayedAnswer(int status, Map<String, String> headers, Flow.Publisher<byte[]> body) {
    }
}

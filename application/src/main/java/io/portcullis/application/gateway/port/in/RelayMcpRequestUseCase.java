package io.portcullis.application.gateway.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.util.Map;

/**
 * The MCP gateway: a signed-in user's MCP request to {@code /mcp/<slug>} goes to the registered upstream server
 * with the credentials Portcullis brokers for that user, after the server's tool policy allows it; tools the
 * policy refuses are removed from the answer's tool listings.
 */
public interface RelayMcpRequestUseCase {
    Result<RelayedAnswer, GatewayError> relay(RelayMcpRequestCommand command);

    /** One Streamable HTTP request: {@code headers} are the MCP-relevant ones the client sent, {@code body} may be empty. */
    record RelayMcpRequestCommand(Principal actor, String slug, String method, Map<String, String> headers, byte[] body) {
        public RelayMcpRequestCommand {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }
    }

    /** The upstream's answer as the client gets it: status, MCP-relevant headers (lower-case names), body. */
    record RelayedAnswer(int status, Map<String, String> headers, byte[] body) {
    }
}

package io.portcullis.application.gateway.port.out;

import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.util.Map;

/** Sends one MCP (Streamable HTTP) request to an upstream server, guarded like every outbound call. */
public interface McpUpstreamPort {
    Result<UpstreamResponse, GatewayError.UpstreamUnreachable> send(String url, String method, Map<String, String> headers,
            byte[] body);

    /** The upstream's answer, whole (the gateway does not hold streams open); header names are lower case. */
    record UpstreamResponse(int status, Map<String, String> headers, byte[] body) {
        public UpstreamResponse {
            headers = Map.copyOf(headers);
        }

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }
}

package io.portcullis.application.registry.port.out;

import io.portcullis.domain.shared.Result;
import java.util.Map;

/** Sends one MCP (Streamable HTTP) request to an upstream server, guarded like every outbound call. */
public interface McpUpstreamPort {
    Result<UpstreamResponse, String> forward(String url, String method, Map<String, String> headers, byte[] body);

    /** The upstream's answer, whole (the gateway does not hold streams open). */
    record UpstreamResponse(int status, Map<String, String> headers, byte[] body) {
    }
}

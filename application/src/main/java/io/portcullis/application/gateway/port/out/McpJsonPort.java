package io.portcullis.application.gateway.port.out;

import java.util.Map;
import java.util.Optional;

/**
 * JSON for the aggregated MCP server, as plain Java values (maps, lists, strings, numbers, booleans, null), so the
 * gateway never parses JSON itself.
 */
public interface McpJsonPort {
    /** The one JSON value of {@code body}; empty when it is not JSON. */
    Optional<Object> parse(byte[] body);

    byte[] write(Object value);

    /**
     * The JSON-RPC message answering the request {@code id} in an upstream answer: a JSON body (one message or a
     * batch) or the {@code data} of an event stream's events ({@code contentType} says which); empty when none does.
     */
    Optional<Map<String, Object>> answerTo(String id, byte[] body, String contentType);
}

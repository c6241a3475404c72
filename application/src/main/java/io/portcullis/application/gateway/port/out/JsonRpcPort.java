package io.portcullis.application.gateway.port.out;

import io.portcullis.domain.gateway.JsonRpcCall;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads and rewrites the JSON-RPC 2.0 messages of MCP bodies, so the gateway never parses JSON itself. */
public interface JsonRpcPort {
    /** The messages of a request body (one message or a batch); no messages for an empty body; empty when not JSON. */
    Optional<List<JsonRpcCall>> read(byte[] body);

    /**
     * {@code body} with every tool that {@code keep} refuses removed from {@code tools/list} results, in a JSON
     * body or in the data lines of an event stream ({@code contentType} says which); anything unreadable as is.
     */
    byte[] keepTools(byte[] body, String contentType, Predicate<String> keep);
}

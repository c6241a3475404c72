package io.portcullis.domain.gateway;

import java.util.List;
import java.util.Optional;

/**
 * What the gateway needs to know of one JSON-RPC 2.0 message a client sends (MCP over Streamable HTTP): its
 * method, and for {@code tools/call} the tool's name (empty text when the message names none).
 */
public record JsonRpcCall(Optional<String> method, Optional<String> toolName) {
    public static final String TOOLS_CALL = "tools/call";
    public static final String TOOLS_LIST = "tools/list";

    public static JsonRpcCall of(String method, String toolName) {
        return new JsonRpcCall(Optional.ofNullable(method), Optional.ofNullable(toolName));
    }

    public boolean callsTool() {
        return method.filter(TOOLS_CALL::equals).isPresent();
    }

    public boolean listsTools() {
        return method.filter(TOOLS_LIST::equals).isPresent();
    }

    /** The tool names of every {@code tools/call} among {@code calls}. */
    public static List<String> toolsCalled(List<JsonRpcCall> calls) {
        return calls.stream().filter(JsonRpcCall::callsTool).map(c -> c.toolName().orElse("")).toList();
    }

    /** True when any of {@code calls} is a {@code tools/list}. */
    public static boolean anyListsTools(List<JsonRpcCall> calls) {
        return calls.stream().anyMatch(JsonRpcCall::listsTools);
    }
}

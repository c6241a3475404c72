package io.portcullis.domain.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
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
        List<String> names = null; // loops, not streams: every gateway request passes here, nearly always with no tool call
        for (JsonRpcCall call : calls) {
            if (call.callsTool()) {
                if (names == null) {
                    names = new ArrayList<>(calls.size());
                }
                names.add(call.toolName().orElse(""));
            }
        }
        return names == null ? List.of() : Collections.unmodifiableList(names);
    }

    /** True when any of {@code calls} is a {@code tools/list}. */
    public static boolean anyListsTools(List<JsonRpcCall> calls) {
        for (JsonRpcCall call : calls) {
            if (call.listsTools()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The refusal when a single {@code tools/call} carries an {@code Mcp-Name} header naming another tool than its
     * body (MCP 2026-07-28 Streamable HTTP, Server Validation): the tool policy reads the body, an upstream might
     * route on the header. A header in the {@code =?base64?…?=} form is decoded first; no header, no refusal.
     */
    public static Optional<GatewayError.HeaderMismatch> nameHeaderMismatch(List<JsonRpcCall> calls, Optional<String> header) {
        if (header.isEmpty() || calls.size() != 1 || !calls.get(0).callsTool()) {
            return Optional.empty();
        }
        String sent = header.get();
        String named = sent;
        if (sent.startsWith("=?base64?") && sent.endsWith("?=") && sent.length() >= 11) {
            try {
                named = new String(Base64.getDecoder().decode(sent.substring(9, sent.length() - 2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.of(new GatewayError.HeaderMismatch("Mcp-Name", sent));
            }
        }
        String body = calls.get(0).toolName().orElse("");
        return named.equals(body) ? Optional.empty() : Optional.of(new GatewayError.HeaderMismatch("Mcp-Name", sent));
    }
}

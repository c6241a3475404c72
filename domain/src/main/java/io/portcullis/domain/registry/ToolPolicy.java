package io.portcullis.domain.registry;

import java.util.List;
import java.util.Optional;

/**
 * A server's tool allow and deny lists applied to the tools a request calls (JSON-RPC {@code tools/call}): a
 * denied tool, or one missing from a non-empty allow list, is refused before the request leaves Portcullis.
 */
public record ToolPolicy(List<String> allow, List<String> deny) {
    public static ToolPolicy of(McpServerConfig config) {
        return new ToolPolicy(config.toolAllowList(), config.toolDenyList());
    }

    /** True when the tool may be listed and called. */
    public boolean allows(String tool) {
        return !deny.contains(tool) && (allow.isEmpty() || allow.contains(tool));
    }

    /** Why calling {@code tools} is not allowed, or empty when it is. */
    public Optional<String> refusal(List<String> tools) {
        for (String tool : tools) {
            if (deny.contains(tool)) {
                return Optional.of("tool '" + tool + "' is denied on this MCP server");
            }
            if (!allow.isEmpty() && !allow.contains(tool)) {
                return Optional.of("tool '" + tool + "' is not in this MCP server's allow list");
            }
        }
        return Optional.empty();
    }
}

package io.portcullis.domain.gateway;

import java.util.List;
import java.util.Optional;

/**
 * A server's tool allow and deny lists. The one place the gateway's tool rules live: a denied tool, or one
 * missing from a non-empty allow list, is neither called ({@code tools/call}) nor listed ({@code tools/list}).
 */
public record ToolPolicy(List<String> allow, List<String> deny) {
    public ToolPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** True when the tool may be listed and called. */
    public boolean allows(String tool) {
        return !deny.contains(tool) && (allow.isEmpty() || allow.contains(tool));
    }

    /** True when no tool is ever refused, so answers need not be read. */
    public boolean allowsEverything() {
        return allow.isEmpty() && deny.isEmpty();
    }

    /** The refusal for the first tool in {@code tools} this policy does not allow, or empty when all are allowed. */
    public Optional<GatewayError.ToolForbidden> refusal(List<String> tools) {
        for (String tool : tools) {
            if (deny.contains(tool)) {
                return Optional.of(new GatewayError.ToolForbidden(tool, true));
            }
            if (!allow.isEmpty() && !allow.contains(tool)) {
                return Optional.of(new GatewayError.ToolForbidden(tool, false));
            }
        }
        return Optional.empty();
    }
}

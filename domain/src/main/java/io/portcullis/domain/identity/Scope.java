package io.portcullis.domain.identity;

import io.portcullis.domain.shared.DomainValidationException;
import java.util.List;
import java.util.Set;

/**
 * A scope. Portcullis's own scopes ({@link #isKnown()}) are {@code all}, or {@code <resource>:<action>} where the
 * action may be {@code *}; they only narrow what the user's role already allows. Any other RFC 6749 §3.3
 * scope-token is a scope of a registered resource (PRODUCT §7), meaningful only to that resource.
 */
public record Scope(String value) {
    private static final int MAX_LENGTH = 200;
    public static final List<String> RESOURCES = List.of("user", "api_key", "oauth2_app", "mcp_server", "mcp_gateway");
    public static final List<String> ACTIONS = List.of("read", "create", "update", "delete", "use");
    private static final Set<String> ACTIONS_AND_WILDCARD = Set.of("read", "create", "update", "delete", "use", "*");
    public static final Scope ALL = new Scope("all");
    /** Reading {@code /metrics} from outside loopback (PRODUCT §11); no other action exists on metrics. */
    public static final String METRICS_READ = "metrics:read";

    public Scope {
        if (!isScopeToken(value)) {
            throw new DomainValidationException("scopes", "malformed scope '" + value + "'");
        }
    }

    /** RFC 6749 §3.3 scope-token: 1*( %x21 / %x23-5B / %x5D-7E ), here at most 200 characters. */
    private static boolean isScopeToken(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** True for Portcullis's own scopes (the catalogue); false for a registered resource's scopes. */
    public boolean isKnown() {
        return isValid(value);
    }

    public static boolean isValid(String value) {
        if ("all".equals(value) || METRICS_READ.equals(value)) {
            return true;
        }
        int colon = value.indexOf(':');
        return colon > 0 && RESOURCES.contains(value.substring(0, colon))
                && ACTIONS_AND_WILDCARD.contains(value.substring(colon + 1));
    }

    public static Scope of(String resource, String action) {
        return new Scope(resource + ":" + action);
    }

    public String resource() {
        int colon = value.indexOf(':');
        return value.equals("all") ? "*" : colon < 0 ? value : value.substring(0, colon);
    }

    public String action() {
        int colon = value.indexOf(':');
        return value.equals("all") ? "*" : colon < 0 ? "" : value.substring(colon + 1);
    }

    /** True when holding this scope permits the concrete {@code needed} scope. */
    public boolean permits(Scope needed) {
        if (this.equals(ALL)) {
            return true;
        }
        if (needed.equals(ALL)) {
            return false;
        }
        if (!isKnown() || !needed.isKnown()) {
            return equals(needed);
        }
        return resource().equals(needed.resource()) && (action().equals("*") || action().equals(needed.action()));
    }

    /** Every concrete scope, for metadata and consent. */
    public static List<String> catalog() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add("all");
        for (String r : RESOURCES) {
            out.add(r + ":*");
            for (String a : ACTIONS) {
                out.add(r + ":" + a);
            }
        }
        out.add(METRICS_READ);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return value;
    }
}

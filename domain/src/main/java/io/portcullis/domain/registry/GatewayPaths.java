package io.portcullis.domain.registry;

import io.portcullis.domain.shared.ResourceUri;
import java.util.Optional;

/** Where the gateway publishes registry servers below the access URL: {@code /mcp/<slug>}. */
public final class GatewayPaths {
    public static final String PREFIX = "/mcp/";
    /** The aggregated MCP server over every server a user may use. */
    public static final String AGGREGATE = "/mcp";

    private GatewayPaths() {
    }

    /** True when {@code resource} is exactly {@code <api>/mcp}, the aggregated MCP server's resource indicator. */
    public static boolean isAggregate(ResourceUri api, ResourceUri resource) {
        String base = api.path().equals("/") ? "" : api.path();
        return api.covers(resource) && resource.path().equals(base + AGGREGATE) && !resource.value().contains("?");
    }

    /**
     * The slug when {@code resource} is exactly {@code <api>/mcp/<slug>} (no query, no deeper path), the
     * resource indicator (RFC 8707) a client uses for one published server; empty otherwise.
     */
    public static Optional<String> slugOf(ResourceUri api, ResourceUri resource) {
        if (!api.covers(resource)) {
            return Optional.empty();
        }
        String base = api.path().equals("/") ? "" : api.path();
        String path = resource.path();
        if (!path.startsWith(base + PREFIX) || resource.value().contains("?")) {
            return Optional.empty();
        }
        String slug = path.substring((base + PREFIX).length());
        return slug.isEmpty() || slug.contains("/") ? Optional.empty() : Optional.of(slug);
    }
}

package io.portcullis.adapters.http.security;

import io.portcullis.application.registry.port.in.FindPublishedServerUseCase;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Protected resources below the access URL that have their own identifier and PRM document (RFC 9728 §3.1):
 * each enabled MCP server published by the gateway at {@code /mcp/<slug>}, and the aggregated server at {@code /mcp}. The REST API is the access URL itself.
 */
@Singleton
public final class ProtectedResources {
    public static final String GATEWAY_PREFIX = io.portcullis.domain.registry.GatewayPaths.PREFIX;
    /** The aggregated MCP server over every server a user may use. */
    public static final String AGGREGATE = io.portcullis.domain.registry.GatewayPaths.AGGREGATE;
    private final FindPublishedServerUseCase published;

    public ProtectedResources(FindPublishedServerUseCase published) {
        this.published = published;
    }

    public Optional<String> nameOf(String path) {
        if (path.equals(AGGREGATE)) {
            return Optional.of("All your MCP servers (via Portcullis)");
        }
        if (!path.startsWith(GATEWAY_PREFIX)) {
            return Optional.empty();
        }
        String slug = path.substring(GATEWAY_PREFIX.length());
        if (slug.isEmpty() || slug.contains("/")) {
            return Optional.empty();
        }
        return published.findPublished(slug).map(server -> server.displayName() + " (MCP, via Portcullis)");
    }
}

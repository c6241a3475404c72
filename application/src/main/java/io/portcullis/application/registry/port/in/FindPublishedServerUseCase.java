package io.portcullis.application.registry.port.in;

import io.portcullis.domain.registry.McpServerConfig.Availability;
import io.portcullis.domain.registry.McpServerConfig.Transport;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The enabled MCP server published at {@code /mcp/<slug>}, as the gateway and the resource metadata see it. */
public interface FindPublishedServerUseCase {
    /** Empty when no enabled server has this slug. */
    Optional<PublishedServer> findPublished(String slug);

    /**
     * What may be known of a published server without its secrets: where it is, how it is spoken to
     * ({@code transport}), which tools it offers, and whether it is part of the aggregated {@code /mcp}
     * ({@code availability}).
     */
    record PublishedServer(UUID id, String slug, String displayName, String url, List<String> toolAllowList,
            List<String> toolDenyList, Transport transport, Availability availability) {
        public PublishedServer {
            toolAllowList = List.copyOf(toolAllowList);
            toolDenyList = List.copyOf(toolDenyList);
        }

        /** True for an HTTP+SSE (2024-11-05) server, which the gateway bridges to Streamable HTTP. */
        public boolean legacySse() {
            return transport == Transport.SSE;
        }
    }
}

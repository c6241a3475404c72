package io.portcullis.application.registry.port.in;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The enabled MCP server published at {@code /mcp/<slug>}, as the gateway and the resource metadata see it. */
public interface FindPublishedServerUseCase {
    /** Empty when no enabled server has this slug. */
    Optional<PublishedServer> findPublished(String slug);

    /** What may be known of a published server without its secrets: where it is and which tools it offers. */
    record PublishedServer(UUID id, String slug, String displayName, String url, List<String> toolAllowList,
            List<String> toolDenyList) {
        public PublishedServer {
            toolAllowList = List.copyOf(toolAllowList);
            toolDenyList = List.copyOf(toolDenyList);
        }
    }
}

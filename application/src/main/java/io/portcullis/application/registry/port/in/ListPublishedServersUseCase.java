package io.portcullis.application.registry.port.in;

import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import java.util.List;
import java.util.UUID;

/** Every enabled MCP server the gateway publishes, in slug order (for the aggregated {@code /mcp}). */
public interface ListPublishedServersUseCase {
    List<PublishedServer> listPublished();

    /**
     * The published servers that are on for {@code userId} (PRODUCT §5 {@code availability}): {@code force_on} and
     * {@code default_on} ones, and the {@code default_off} ones the user turned on by connecting their account to them
     * (disconnecting turns them off again). A {@code default_off} server with no per-user connection stays off.
     */
    List<PublishedServer> listOnFor(UUID userId);
}

package io.portcullis.application.registry.port.in;

import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import java.util.List;

/** Every enabled MCP server the gateway publishes, in slug order (for the aggregated {@code /mcp}). */
public interface ListPublishedServersUseCase {
    List<PublishedServer> listPublished();
}

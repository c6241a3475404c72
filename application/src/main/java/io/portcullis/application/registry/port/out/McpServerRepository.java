package io.portcullis.application.registry.port.out;

import io.portcullis.domain.registry.McpServerConfig;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Store of MCP server configs; secret fields are sealed at rest by the adapter. Slugs are unique. */
public interface McpServerRepository {
    /** False when the slug is taken. */
    boolean insert(McpServerConfig config);

    /** False when the new slug is taken by another server. */
    boolean update(McpServerConfig config);

    Optional<McpServerConfig> findById(UUID id);

    List<McpServerConfig> list();

    /** Deleting a server deletes its users' tokens. */
    boolean delete(UUID id);

    Optional<McpServerConfig> findBySlug(String slug);
}

package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.in.FindPublishedServerUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.domain.registry.McpServerConfig;
import java.util.Optional;

/** Looks up the enabled server behind a gateway slug; its secrets stay in the registry. */
public final class FindPublishedServerService implements FindPublishedServerUseCase {
    private final McpServerRepository servers;

    public FindPublishedServerService(McpServerRepository servers) {
        this.servers = servers;
    }

    @Override
    public Optional<PublishedServer> findPublished(String slug) {
        return servers.findBySlug(slug).filter(McpServerConfig::enabled).map(FindPublishedServerService::published);
    }

    static PublishedServer published(McpServerConfig c) {
        return new PublishedServer(c.id(), c.slug(), c.displayName(), c.url(), c.toolAllowList(), c.toolDenyList(),
                c.transport(), c.availability());
    }
}

package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import io.portcullis.application.registry.port.in.ListPublishedServersUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.domain.registry.McpServerConfig;
import java.util.Comparator;
import java.util.List;

/** The enabled servers, without their secrets. */
public final class ListPublishedServersService implements ListPublishedServersUseCase {
    private final McpServerRepository servers;

    public ListPublishedServersService(McpServerRepository servers) {
        this.servers = servers;
    }

    @Override
    public List<PublishedServer> listPublished() {
        return servers.list().stream().filter(McpServerConfig::enabled).sorted(Comparator.comparing(McpServerConfig::slug))
                .map(FindPublishedServerService::published).toList();
    }
}

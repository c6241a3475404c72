package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import io.portcullis.application.registry.port.in.ListPublishedServersUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamToken;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The enabled servers, without their secrets. */
public final class ListPublishedServersService implements ListPublishedServersUseCase {
    private final McpServerRepository servers;
    private final UpstreamTokenRepository tokens;

    public ListPublishedServersService(McpServerRepository servers, UpstreamTokenRepository tokens) {
        this.servers = servers;
        this.tokens = tokens;
    }

    @Override
    public List<PublishedServer> listPublished() {
        return servers.list().stream().filter(McpServerConfig::enabled).sorted(Comparator.comparing(McpServerConfig::slug))
                .map(FindPublishedServerService::published).toList();
    }

    @Override
    public List<PublishedServer> listOnFor(UUID userId) {
        List<PublishedServer> published = listPublished();
        if (published.stream().noneMatch(s -> s.availability() == McpServerConfig.Availability.DEFAULT_OFF)) {
            return published;
        }
        Set<UUID> connected = tokens.listByUser(userId).stream().map(UpstreamToken::serverId).collect(Collectors.toSet());
        return published.stream().filter(s -> s.availability() != McpServerConfig.Availability.DEFAULT_OFF
                || connected.contains(s.id())).toList();
    }
}

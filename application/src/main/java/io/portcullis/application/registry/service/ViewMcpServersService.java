package io.portcullis.application.registry.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The registry as each user reads it: owners every server, members the enabled ones; a key's allow list narrows both. */
public final class ViewMcpServersService implements ViewMcpServersUseCase {
    private final McpServerRepository servers;
    private final UpstreamTokenRepository tokens;
    private final ServerViews views;
    private final Clock clock;

    public ViewMcpServersService(McpServerRepository servers, UpstreamTokenRepository tokens, UpstreamTokenRefresher refresher,
            Clock clock) {
        this.servers = servers;
        this.tokens = tokens;
        this.views = new ServerViews(tokens, refresher, clock);
        this.clock = clock;
    }

    @Override
    public List<ServerView> list(Principal actor) {
        Map<UUID, UpstreamToken> mine = tokens.listByUser(actor.user().id()).stream()
                .collect(Collectors.toMap(UpstreamToken::serverId, t -> t, (a, b) -> a));
        Instant now = clock.instant();
        return servers.list().stream().filter(c -> actor.isOwner() || c.enabled())
                .filter(c -> actor.allows("mcp_server", c.id().toString()))
                .map(c -> views.of(actor, c, mine.get(c.id()), now)).toList();
    }

    @Override
    public Result<ServerView, RegistryError> get(Principal actor, String id) {
        Optional<McpServerConfig> config = Uuids.parse(id).flatMap(servers::findById).filter(c -> actor.isOwner() || c.enabled());
        if (config.isEmpty()) {
            return Result.err(new RegistryError.NotFound("MCP server not found"));
        }
        if (!actor.allows("mcp_server", config.get().id().toString())) {
            return Result.err(new RegistryError.Forbidden("this key's allow list does not include that MCP server"));
        }
        return Result.ok(views.of(actor, config.get()));
    }
}

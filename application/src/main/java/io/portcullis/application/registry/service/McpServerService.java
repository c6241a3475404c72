package io.portcullis.application.registry.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ManageMcpServersUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.McpServerDraft;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The MCP server registry. oauth2 servers configured without client details are discovered and Portcullis
 * registers itself with their authorization server; a failure refuses the change and stores nothing.
 * Changing a server's url or auth type forgets every user's tokens for it.
 */
public final class McpServerService implements ManageMcpServersUseCase {
    private final McpServerRepository servers;
    private final UpstreamTokenRepository tokens;
    private final UpstreamAuthorizationPort upstream;
    private final UpstreamTokenRefresher refresher;
    private final Function<UUID, String> callbackUrl;
    private final UnitOfWork unitOfWork;
    private final RandomSource random;
    private final Clock clock;

    public McpServerService(McpServerRepository servers, UpstreamTokenRepository tokens, UpstreamAuthorizationPort upstream,
            UpstreamTokenRefresher refresher, Function<UUID, String> callbackUrl, UnitOfWork unitOfWork, RandomSource random,
            Clock clock) {
        this.servers = servers;
        this.tokens = tokens;
        this.upstream = upstream;
        this.refresher = refresher;
        this.callbackUrl = callbackUrl;
        this.unitOfWork = unitOfWork;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Result<ServerView, IdentityError> create(Principal actor, McpServerDraft draft) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can register MCP servers"));
        }
        Result<McpServerConfig, McpServerDraft.Problem> built = draft.create(random.uuid(), clock.instant());
        if (!built.isOk()) {
            return Result.err(new IdentityError.Invalid(built.error().field(), built.error().message()));
        }
        return discoverIfNeeded(built.value(), draft.oauth2Scopes().isPresent()).flatMap(config -> servers.insert(config)
                ? Result.ok(view(actor, config))
                : Result.err(new IdentityError.Conflict("an MCP server with slug '" + config.slug() + "' already exists")));
    }

    @Override
    public Result<ServerView, IdentityError> update(Principal actor, String id, McpServerDraft draft) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can change MCP servers"));
        }
        Optional<McpServerConfig> current = parse(id).flatMap(servers::findById);
        if (current.isEmpty()) {
            return Result.err(new IdentityError.NotFound("MCP server not found"));
        }
        Result<McpServerConfig, McpServerDraft.Problem> changed = draft.applyTo(current.get(), clock.instant());
        if (!changed.isOk()) {
            return Result.err(new IdentityError.Invalid(changed.error().field(), changed.error().message()));
        }
        boolean identityChanged = !changed.value().url().equals(current.get().url())
                || changed.value().authType() != current.get().authType();
        return discoverIfNeeded(changed.value(), draft.oauth2Scopes().isPresent()).flatMap(config -> unitOfWork.inTransaction(() -> {
            if (!servers.update(config)) {
                return Result.err(new IdentityError.Conflict("an MCP server with slug '" + config.slug() + "' already exists"));
            }
            if (identityChanged) {
                // tokens were issued for the old server or auth type; keeping them would send them to the wrong place
                tokens.deleteByServer(config.id());
            }
            return Result.ok(view(actor, config));
        }));
    }

    @Override
    public Result<Void, IdentityError> delete(Principal actor, String id) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can delete MCP servers"));
        }
        Optional<UUID> uuid = parse(id);
        return uuid.isPresent() && servers.delete(uuid.get()) ? Result.ok(null)
                : Result.err(new IdentityError.NotFound("MCP server not found"));
    }

    @Override
    public List<ServerView> list(Principal actor) {
        Map<UUID, UpstreamToken> mine = tokens.listByUser(actor.user().id()).stream()
                .collect(Collectors.toMap(UpstreamToken::serverId, t -> t, (a, b) -> a));
        Instant now = clock.instant();
        return servers.list().stream().filter(c -> actor.isOwner() || c.enabled())
                .filter(c -> actor.allows("mcp_server", c.id().toString()))
                .map(c -> new ServerView(c, !actor.isOwner(), connected(c, mine.get(c.id()), actor, now))).toList();
    }

    @Override
    public Result<ServerView, IdentityError> get(Principal actor, String id) {
        Optional<McpServerConfig> config = parse(id).flatMap(servers::findById).filter(c -> actor.isOwner() || c.enabled());
        if (config.isEmpty()) {
            return Result.err(new IdentityError.NotFound("MCP server not found"));
        }
        if (!actor.allows("mcp_server", config.get().id().toString())) {
            return Result.err(new IdentityError.Forbidden("this key's allow list does not include that MCP server"));
        }
        return Result.ok(view(actor, config.get()));
    }

    private ServerView view(Principal actor, McpServerConfig config) {
        return new ServerView(config, !actor.isOwner(),
                connected(config, tokens.find(config.id(), actor.user().id()).orElse(null), actor, clock.instant()));
    }

    /** Non-oauth2 servers need no per-user connection; an oauth2 token that is due is refreshed first. */
    private boolean connected(McpServerConfig config, UpstreamToken token, Principal actor, Instant now) {
        if (config.authType() != McpServerConfig.AuthType.OAUTH2) {
            return true;
        }
        if (token == null) {
            return false;
        }
        return !token.needsRefresh(now) || refresher.current(config, actor.user().id()).isOk();
    }

    private Result<McpServerConfig, IdentityError> discoverIfNeeded(McpServerConfig config, boolean scopesGiven) {
        if (!config.needsOAuth2Discovery()) {
            return Result.ok(config);
        }
        Result<UpstreamAuthorizationPort.DiscoveredClient, String> found =
                upstream.discoverAndRegister(config.url(), callbackUrl.apply(config.id()));
        if (!found.isOk()) {
            return Result.err(new IdentityError.Invalid("url", "OAuth2 auto-discovery failed: " + found.error()
                    + ". Provide oauth2_client_id, oauth2_auth_url and oauth2_token_url, or make sure the server supports"
                    + " RFC 9728 and RFC 7591."));
        }
        UpstreamAuthorizationPort.DiscoveredClient d = found.value();
        return Result.ok(new McpServerConfig(config.id(), config.displayName(), config.slug(), config.description(),
                config.iconUrl(), config.transport(), config.url(), config.authType(), d.clientId(), d.clientSecret(),
                d.authorizationUrl(), d.tokenUrl(), scopesGiven ? config.oauth2Scopes() : d.scopes(), "", Optional.empty(),
                Map.of(), config.toolAllowList(), config.toolDenyList(), config.availability(), config.enabled(),
                config.createdAt(), config.updatedAt(), d.revocationUrl()));
    }

    static Optional<UUID> parse(String id) {
        return Uuids.parse(id);
    }
}

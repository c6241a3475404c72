package io.portcullis.application.registry.service;

import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ManageMcpServersUseCase;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase.ServerView;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.McpServerDraft;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The MCP server registry. oauth2 servers configured without client details are discovered and Portcullis
 * registers itself with their authorization server; a failure refuses the change and stores nothing.
 * Changing a server's url or auth type forgets every user's tokens for it. Reading is {@link ViewMcpServersService}'s.
 */
public final class McpServerService implements ManageMcpServersUseCase {
    private final McpServerRepository servers;
    private final UpstreamTokenRepository tokens;
    private final OAuth2ClientDiscovery discovery;
    private final ServerViews views;
    private final UnitOfWork unitOfWork;
    private final RandomSource random;
    private final Clock clock;
    private final AuditTrail audit;

    public McpServerService(McpServerRepository servers, UpstreamTokenRepository tokens, UpstreamAuthorizationPort upstream,
            UpstreamTokenRefresher refresher, Function<UUID, String> callbackUrl, UnitOfWork unitOfWork, RandomSource random,
            Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.servers = servers;
        this.tokens = tokens;
        this.discovery = new OAuth2ClientDiscovery(upstream, callbackUrl);
        this.views = new ServerViews(tokens, refresher, clock);
        this.unitOfWork = unitOfWork;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Result<ServerView, RegistryError> create(Principal actor, McpServerDraft draft) {
        if (!actor.isOwner()) {
            return Result.err(new RegistryError.Forbidden("only owners can register MCP servers"));
        }
        Result<McpServerConfig, McpServerDraft.Problem> built = draft.create(random.uuid(), clock.instant());
        if (!built.isOk()) {
            return Result.err(new RegistryError.Invalid(built.error().field(), built.error().message()));
        }
        return discovery.completeIfNeeded(built.value(), draft.oauth2Scopes().isPresent()).flatMap(config -> audit.recording(
                () -> servers.insert(config), inserted -> inserted ? event(AuditAction.MCP_SERVER_CREATE, actor, config) : null)
                        ? Result.ok(views.of(actor, config))
                        : Result.err(new RegistryError.Conflict(config.slug())));
    }

    @Override
    public Result<ServerView, RegistryError> update(Principal actor, String id, McpServerDraft draft) {
        if (!actor.isOwner()) {
            return Result.err(new RegistryError.Forbidden("only owners can change MCP servers"));
        }
        Optional<McpServerConfig> current = parse(id).flatMap(servers::findById);
        if (current.isEmpty()) {
            return Result.err(new RegistryError.NotFound("MCP server not found"));
        }
        Result<McpServerConfig, McpServerDraft.Problem> changed = draft.applyTo(current.get(), clock.instant());
        if (!changed.isOk()) {
            return Result.err(new RegistryError.Invalid(changed.error().field(), changed.error().message()));
        }
        boolean identityChanged = !changed.value().url().equals(current.get().url())
                || changed.value().authType() != current.get().authType();
        return discovery.completeIfNeeded(changed.value(), draft.oauth2Scopes().isPresent()).flatMap(config -> unitOfWork.inTransaction(() -> {
            if (!servers.update(config)) {
                return Result.err(new RegistryError.Conflict(config.slug()));
            }
            if (identityChanged) {
                // tokens were issued for the old server or auth type; keeping them would send them to the wrong place
                tokens.deleteByServer(config.id());
            }
            audit.record(event(AuditAction.MCP_SERVER_UPDATE, actor, config));
            return Result.ok(views.of(actor, config));
        }));
    }

    @Override
    public Result<Void, RegistryError> delete(Principal actor, String id) {
        if (!actor.isOwner()) {
            return Result.err(new RegistryError.Forbidden("only owners can delete MCP servers"));
        }
        Optional<UUID> uuid = parse(id);
        return uuid.isPresent() && audit.recording(() -> servers.delete(uuid.get()), deleted -> deleted
                ? AuditEvent.of(AuditAction.MCP_SERVER_DELETE, actor.auditActor()).target("mcp_server", uuid.get()) : null)
                ? Result.ok(null)
                : Result.err(new RegistryError.NotFound("MCP server not found"));
    }

    private static AuditEvent event(AuditAction action, Principal actor, McpServerConfig config) {
        return AuditEvent.of(action, actor.auditActor()).target("mcp_server", config.id())
                .detail("slug=" + config.slug() + " auth_type=" + config.authType().wire()); // not the URL: it may carry a key
    }

    static Optional<UUID> parse(String id) {
        return Uuids.parse(id);
    }
}

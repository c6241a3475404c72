package io.portcullis.application.registry.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.DisconnectUpstreamUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A user's disconnect from one upstream, and the revocation of everything a deleted user held upstream. */
public final class DisconnectUpstreamService implements DisconnectUpstreamUseCase {
    private final McpServerRepository servers;
    private final UpstreamTokenRepository tokens;
    private final UpstreamAuthorizationPort upstream;
    private final AuditTrail audit;

    public DisconnectUpstreamService(McpServerRepository servers, UpstreamTokenRepository tokens,
            UpstreamAuthorizationPort upstream, AuditTrail audit) {
        this.servers = servers;
        this.tokens = tokens;
        this.upstream = upstream;
        this.audit = audit;
    }

    @Override
    public Result<Void, RegistryError> disconnect(Principal actor, String serverId) {
        Optional<UUID> id = Uuids.parse(serverId);
        Optional<UpstreamToken> token = id.flatMap(i -> tokens.find(i, actor.user().id()));
        if (token.isEmpty() || !audit.recording(() -> tokens.delete(id.get(), actor.user().id()), deleted -> deleted
                ? AuditEvent.of(AuditAction.MCP_SERVER_DISCONNECT, actor.auditActor()).target("mcp_server", id.get()) : null)) {
            return Result.err(new RegistryError.NotFound("you are not connected to that MCP server"));
        }
        servers.findById(id.get()).ifPresent(server -> revoke(server, token.get()));
        return Result.ok(null);
    }

    @Override
    public Runnable revocationOfAll(UUID userId) {
        List<Runnable> revocations = tokens.listByUser(userId).stream()
                .flatMap(token -> servers.findById(token.serverId()).<Runnable>map(server -> () -> revoke(server, token)).stream())
                .toList();
        return () -> revocations.forEach(Runnable::run);
    }

    /** Best effort (RFC 7009), each call bounded by the adapter's timeout; a server with no revocation endpoint is skipped. */
    private void revoke(McpServerConfig server, UpstreamToken token) {
        if (server.oauth2RevocationUrl().isEmpty()) {
            return;
        }
        UpstreamAuthorizationPort.Endpoint endpoint = new UpstreamAuthorizationPort.Endpoint(server.oauth2TokenUrl(),
                server.oauth2ClientId(), server.oauth2ClientSecret());
        if (token.refreshToken().isPresent()) {
            upstream.revoke(server.oauth2RevocationUrl(), endpoint, token.refreshToken().get(), "refresh_token");
        }
        upstream.revoke(server.oauth2RevocationUrl(), endpoint, token.accessToken(), "access_token");
    }
}

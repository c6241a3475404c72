package io.portcullis.application.registry.service;

import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Refreshes a user's upstream token when it has expired or expires within a minute. The token row is locked
 * for the refresh, so concurrent callers wait and then see the fresh token instead of spending the refresh
 * token twice; a rotated refresh token replaces the old one, an absent one keeps it. A refresh answered
 * {@code invalid_grant} disconnects the user: the grant is gone upstream, only a new connect can help.
 */
public final class UpstreamTokenRefresher {
    private final UpstreamTokenRepository tokens;
    private final UpstreamAuthorizationPort upstream;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final AuditTrail audit;

    public UpstreamTokenRefresher(UpstreamTokenRepository tokens, UpstreamAuthorizationPort upstream, UnitOfWork unitOfWork,
            Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.tokens = tokens;
        this.upstream = upstream;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    /** As {@link #current(McpServerConfig, UUID, Optional)} with no request behind it (a background refresh). */
    public Result<UpstreamToken, RegistryError.NotConnected> current(McpServerConfig server, UUID userId) {
        return current(server, userId, Optional.empty());
    }

    /**
     * The user's current token for {@code server}, refreshed if due; an error when there is none usable. {@code from}:
     * the address of the user's request that needed it (gateway call, connect), which a failed refresh's audit entry
     * carries.
     */
    public Result<UpstreamToken, RegistryError.NotConnected> current(McpServerConfig server, UUID userId,
            Optional<ClientAddress> from) {
        Optional<UpstreamToken> seen = tokens.find(server.id(), userId);
        if (seen.isEmpty()) {
            return Result.err(new RegistryError.NotConnected(server.displayName(), "not connected"));
        }
        if (!seen.get().needsRefresh(clock.instant())) {
            return Result.ok(seen.get());
        }
        return unitOfWork.inTransaction(() -> {
            Optional<UpstreamToken> locked = tokens.findForUpdate(server.id(), userId);
            Instant now = clock.instant();
            if (locked.isEmpty()) {
                return Result.err(new RegistryError.NotConnected(server.displayName(), "not connected"));
            }
            UpstreamToken token = locked.get();
            if (!token.needsRefresh(now)) {
                return Result.ok(token);
            }
            if (token.refreshToken().isEmpty()) {
                return token.usable(now) ? Result.ok(token) : Result.err(new RegistryError.NotConnected(server.displayName(),
                        "the upstream token expired and cannot be refreshed"));
            }
            Result<UpstreamAuthorizationPort.Tokens, RegistryError.UpstreamFailure> refreshed = upstream.refresh(new UpstreamAuthorizationPort.Endpoint(
                    server.oauth2TokenUrl(), server.oauth2ClientId(), server.oauth2ClientSecret()), token.refreshToken().get(),
                    server.url());
            if (!refreshed.isOk() && refreshed.error() instanceof RegistryError.UpstreamInvalidGrant refused) {
                return disconnectAfterRefusedRefresh(server, userId, refused, from);
            }
            if (!refreshed.isOk()) {
                audit.record(AuditEvent.of(AuditAction.MCP_SERVER_REFRESH_FAILED, actor(userId, from))
                        .target("mcp_server", server.id()).failed().detail(UpstreamFailures.describe(refreshed.error())));
                return token.usable(now) ? Result.ok(token) : Result.err(new RegistryError.NotConnected(server.displayName(),
                        "refresh failed: " + refreshed.error().message()));
            }
            UpstreamAuthorizationPort.Tokens t = refreshed.value();
            UpstreamToken next = new UpstreamToken(server.id(), userId, t.accessToken(),
                    t.refreshToken().or(token::refreshToken), t.tokenType(), t.expiresInSeconds().map(now::plusSeconds), now,
                    token.scope(), token.stepUpScope());
            tokens.save(next);
            return Result.ok(next);
        });
    }

    private Result<UpstreamToken, RegistryError.NotConnected> disconnectAfterRefusedRefresh(McpServerConfig server,
            UUID userId, RegistryError.UpstreamInvalidGrant refused, Optional<ClientAddress> from) {
        tokens.delete(server.id(), userId);
        audit.record(AuditEvent.of(AuditAction.MCP_SERVER_REFRESH_FAILED, actor(userId, from))
                .target("mcp_server", server.id()).failed().detail("invalid_grant: disconnected"));
        return Result.err(new RegistryError.NotConnected(server.displayName(),
                "the upstream authorization server no longer accepts your grant (invalid_grant); connect again"));
    }

    private static AuditActor actor(UUID userId, Optional<ClientAddress> from) {
        return AuditActor.user(userId, from.orElse(null));
    }
}

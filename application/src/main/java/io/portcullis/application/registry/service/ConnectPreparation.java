package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort.ResourceDiscovery;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.Result;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a connect needs to know first (MCP 2026-07-28): which authorization server the upstream names now, and which
 * scopes to ask for. A registration Portcullis made is bound to its issuer: when the upstream names another one,
 * Portcullis registers anew there and forgets every user's tokens of the old one (they were issued by an
 * authorization server the upstream no longer trusts, and only the old registration could refresh them).
 */
final class ConnectPreparation {
    private final McpServerRepository servers;
    private final UpstreamTokenRepository tokens;
    private final UpstreamAuthorizationPort upstream;
    private final OAuth2ClientDiscovery discovery;
    private final UnitOfWork unitOfWork;

    ConnectPreparation(McpServerRepository servers, UpstreamTokenRepository tokens, UpstreamAuthorizationPort upstream,
            Function<UUID, String> callbackUrl, UnitOfWork unitOfWork) {
        this.servers = servers;
        this.tokens = tokens;
        this.upstream = upstream;
        this.discovery = new OAuth2ClientDiscovery(upstream, callbackUrl);
        this.unitOfWork = unitOfWork;
    }

    /** The server and the scope for this user's connect. */
    record Prepared(McpServerConfig server, String scope) {
    }

    Result<Prepared, RegistryError> prepare(McpServerConfig server, UUID userId) {
        // an upstream that cannot be asked now keeps its registration and the configured scopes
        Result<ResourceDiscovery, RegistryError.UpstreamFailure> asked = upstream.discoverResource(server.url());
        Optional<ResourceDiscovery> seen = asked.isOk() ? Optional.of(asked.value()) : Optional.empty();
        McpServerConfig current = server;
        if (seen.isPresent() && server.hasDiscoveredClient() && !seen.get().issuer().equals(server.oauth2Issuer())) {
            Result<McpServerConfig, RegistryError> moved = discovery.register(server, true);
            if (!moved.isOk()) {
                return Result.err(moved.error());
            }
            current = moved.value();
            McpServerConfig registered = current;
            unitOfWork.inTransaction(() -> {
                servers.update(registered);
                tokens.deleteByServer(registered.id());
                return null;
            });
        }
        return Result.ok(new Prepared(current, scope(current, seen, tokens.find(current.id(), userId))));
    }

    /**
     * The upstream 401's {@code scope}, else the protected resource's {@code scopes_supported}, else the configured
     * scopes; after an {@code insufficient_scope}, the union with what was asked before and what was missing.
     */
    static String scope(McpServerConfig server, Optional<ResourceDiscovery> seen, Optional<UpstreamToken> token) {
        String base = seen.flatMap(ResourceDiscovery::challengeScope).filter(s -> !s.isBlank())
                .or(() -> seen.flatMap(ResourceDiscovery::scopesSupported).filter(s -> !s.isBlank()))
                .orElse(server.oauth2Scopes());
        return token.filter(t -> t.stepUpScope().isPresent())
                .map(t -> UpstreamToken.union(base, t.scope(), t.stepUpScope().get())).orElse(base);
    }
}

package io.portcullis.application.registry.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.RecordInsufficientScopeUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import java.util.Optional;

/** Marks a user's upstream connection as needing more scope, for the next connect's step-up. */
public final class RecordInsufficientScopeService implements RecordInsufficientScopeUseCase {
    private final McpServerRepository servers;
    private final UpstreamTokenRepository tokens;

    public RecordInsufficientScopeService(McpServerRepository servers, UpstreamTokenRepository tokens) {
        this.servers = servers;
        this.tokens = tokens;
    }

    @Override
    public Optional<StepUp> needsMoreScope(Principal actor, String slug, String scope) {
        Optional<McpServerConfig> server = servers.findBySlug(slug).filter(McpServerConfig::enabled)
                .filter(c -> c.authType() == McpServerConfig.AuthType.OAUTH2);
        return server.flatMap(c -> tokens.find(c.id(), actor.user().id()).map(token -> {
            // only the mark is written: a refresh that rotated the tokens meanwhile must not be undone
            tokens.markStepUp(c.id(), actor.user().id(), token.needingScope(scope).stepUpScope().orElse(scope));
            return new StepUp(c.id().toString(), new RegistryError.NotConnected(c.displayName(),
                    "the MCP server needs more scope (" + cut(scope) + "); connect again to grant it"));
        }));
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}

package io.portcullis.application.registry.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase.ServerView;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamToken;
import java.time.Clock;
import java.time.Instant;

/**
 * How a server's configuration looks to one user, for the registry's reads and for the answers to its changes:
 * redacted unless an owner asks, and whether that user is connected (an oauth2 token that is due is refreshed first).
 */
final class ServerViews {
    private final UpstreamTokenRepository tokens;
    private final UpstreamTokenRefresher refresher;
    private final Clock clock;

    ServerViews(UpstreamTokenRepository tokens, UpstreamTokenRefresher refresher, Clock clock) {
        this.tokens = tokens;
        this.refresher = refresher;
        this.clock = clock;
    }

    ServerView of(Principal actor, McpServerConfig config) {
        return of(actor, config, tokens.find(config.id(), actor.user().id()).orElse(null), clock.instant());
    }

    /** With the user's token already read ({@code null}: none). */
    ServerView of(Principal actor, McpServerConfig config, UpstreamToken token, Instant now) {
        return new ServerView(config, !actor.isOwner(), connected(config, token, actor, now));
    }

    /** Non-oauth2 servers need no per-user connection. */
    private boolean connected(McpServerConfig config, UpstreamToken token, Principal actor, Instant now) {
        if (config.authType() != McpServerConfig.AuthType.OAUTH2) {
            return true;
        }
        if (token == null) {
            return false;
        }
        return !token.needsRefresh(now) || refresher.current(config, actor.user().id(), actor.from()).isOk();
    }
}

package io.portcullis.application.registry.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.TestMcpServerConnectionUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort.Discovery;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs OAuth discovery (RFC 9728, RFC 8414) against a registered server and says what it found. For an oauth2 server
 * a failure means users cannot connect; for other auth types it only means the server publishes no OAuth metadata,
 * and reaching it at all is what counts.
 */
public final class ConnectionTestService implements TestMcpServerConnectionUseCase {
    private final McpServerRepository servers;
    private final UpstreamAuthorizationPort upstream;

    public ConnectionTestService(McpServerRepository servers, UpstreamAuthorizationPort upstream) {
        this.servers = servers;
        this.upstream = upstream;
    }

    @Override
    public Result<ConnectionReport, RegistryError> test(Principal actor, String serverId) {
        if (!actor.isOwner()) {
            return Result.err(new RegistryError.Forbidden("only owners can test MCP servers"));
        }
        Optional<McpServerConfig> found = McpServerService.parse(serverId).flatMap(servers::findById);
        if (found.isEmpty()) {
            return Result.err(new RegistryError.NotFound("MCP server not found"));
        }
        McpServerConfig config = found.get();
        Result<Discovery, RegistryError.UpstreamFailure> discovered = upstream.discover(config.url());
        boolean oauth2 = config.authType() == McpServerConfig.AuthType.OAUTH2;
        if (discovered.isOk()) {
            return Result.ok(new ConnectionReport(true, "Discovery succeeded: " + config.url() + " is protected by "
                    + discovered.value().issuer() + ".", lines(discovered.value())));
        }
        RegistryError.UpstreamFailure failure = discovered.error();
        if (failure instanceof RegistryError.UpstreamUnreachable) {
            return Result.ok(new ConnectionReport(false, "Could not reach the server: " + failure.message() + ".", List.of()));
        }
        return Result.ok(oauth2
                ? new ConnectionReport(false, "Discovery failed: " + failure.message() + ".", List.of())
                : new ConnectionReport(true, "The server answered; it publishes no OAuth metadata (" + failure.message()
                        + "), which is fine for auth type " + config.authType().name().toLowerCase(java.util.Locale.ROOT) + ".",
                        List.of()));
    }

    private static List<String> lines(Discovery d) {
        List<String> out = new ArrayList<>();
        out.add("resource: " + d.resource());
        out.add("authorization server: " + d.issuer());
        out.add("authorization endpoint: " + d.authorizationUrl());
        out.add("token endpoint: " + d.tokenUrl());
        out.add("registration endpoint: " + (d.registrationUrl().isEmpty() ? "none (hand-configured clients only)"
                : d.registrationUrl()));
        out.add("scopes: " + (d.scopes().isEmpty() ? "none advertised" : d.scopes()));
        return out;
    }
}

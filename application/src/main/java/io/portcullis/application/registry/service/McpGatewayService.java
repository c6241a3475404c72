package io.portcullis.application.registry.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ForwardMcpRequestUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.McpUpstreamPort;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.ToolPolicy;
import io.portcullis.domain.shared.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Forwards MCP requests to enabled upstream servers with brokered credentials and the server's tool policy. */
public final class McpGatewayService implements ForwardMcpRequestUseCase {
    private final McpServerRepository servers;
    private final UpstreamCredentialsService credentials;
    private final McpUpstreamPort upstream;

    public McpGatewayService(McpServerRepository servers, UpstreamCredentialsService credentials, McpUpstreamPort upstream) {
        this.servers = servers;
        this.credentials = credentials;
        this.upstream = upstream;
    }

    @Override
    public Optional<String> resourceName(String slug) {
        return servers.findBySlug(slug).filter(McpServerConfig::enabled).map(McpServerConfig::displayName);
    }

    @Override
    public Result<Forwarded, IdentityError> forward(Principal actor, String slug, String method,
            Map<String, String> headers, byte[] body, List<String> toolCalls) {
        Optional<McpServerConfig> server = servers.findBySlug(slug).filter(McpServerConfig::enabled);
        if (server.isEmpty()) {
            return Result.err(new IdentityError.NotFound("no MCP server is published at this path"));
        }
        McpServerConfig c = server.get();
        if (!actor.allows("mcp_server", c.id().toString())) {
            return Result.err(new IdentityError.Forbidden("this key's allow list does not include that MCP server"));
        }
        Optional<String> refused = ToolPolicy.of(c).refusal(toolCalls);
        if (refused.isPresent()) {
            return Result.err(new IdentityError.Forbidden(refused.get()));
        }
        Result<Map<String, String>, IdentityError> auth = credentials.headersFor(actor, c);
        if (!auth.isOk()) {
            return Result.err(auth.error());
        }
        Map<String, String> outbound = new LinkedHashMap<>(headers);
        outbound.putAll(auth.value());
        Result<McpUpstreamPort.UpstreamResponse, String> answer = upstream.forward(c.url(), method, outbound, body);
        if (!answer.isOk()) {
            return Result.err(new IdentityError.Invalid("upstream", "the MCP server could not be reached: " + answer.error()));
        }
        return Result.ok(new Forwarded(answer.value(), ToolPolicy.of(c)));
    }
}

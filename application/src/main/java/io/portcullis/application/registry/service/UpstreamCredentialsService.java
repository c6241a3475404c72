package io.portcullis.application.registry.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.in.ProviderAccessTokenUseCase;
import io.portcullis.application.registry.port.in.UpstreamCredentialsUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.util.Map;
import java.util.Optional;

/** Builds the upstream credentials for one user and server, refreshing OAuth tokens through the refresher. */
public final class UpstreamCredentialsService implements UpstreamCredentialsUseCase {
    private final McpServerRepository servers;
    private final UpstreamTokenRefresher refresher;
    private final ProviderAccessTokenUseCase providerTokens;

    /** Without external sign-in: {@code user_oidc} servers are refused for everyone. */
    public UpstreamCredentialsService(McpServerRepository servers, UpstreamTokenRefresher refresher) {
        this(servers, refresher, user -> Result.err(new ProviderAccessTokenUseCase.NoProviderToken.NotLinked("")));
    }

    public UpstreamCredentialsService(McpServerRepository servers, UpstreamTokenRefresher refresher,
            ProviderAccessTokenUseCase providerTokens) {
        this.servers = servers;
        this.refresher = refresher;
        this.providerTokens = providerTokens;
    }

    @Override
    public Result<Map<String, String>, RegistryError> headersFor(Principal actor, String serverId) {
        Optional<McpServerConfig> server = Uuids.parse(serverId).flatMap(servers::findById).filter(McpServerConfig::enabled);
        if (server.isEmpty()) {
            return Result.err(new RegistryError.NotFound("MCP server not found"));
        }
        McpServerConfig c = server.get();
        return switch (c.authType()) {
            case NONE -> Result.ok(Map.of());
            case API_KEY -> Result.ok(Map.of(c.apiKeyHeader(), c.apiKeyValue().orElse("")));
            case CUSTOM_HEADERS -> Result.ok(c.customHeaders());
            case OAUTH2 -> {
                Result<UpstreamToken, RegistryError.NotConnected> token = refresher.current(c, actor.user().id(), actor.from());
                yield token.isOk() ? Result.ok(Map.of("Authorization", "Bearer " + token.value().accessToken()))
                        : Result.err(token.error());
            }
            case USER_OIDC -> {
                // the user's own identity-provider token, refreshed when due (PRODUCT §8); none: 403 naming the provider
                Result<String, ProviderAccessTokenUseCase.NoProviderToken> token = providerTokens.currentAccessToken(
                        actor.user().id());
                yield token.isOk() ? Result.ok(Map.of("Authorization", "Bearer " + token.value()))
                        : Result.err(new RegistryError.Forbidden(token.error().message()));
            }
        };
    }
}

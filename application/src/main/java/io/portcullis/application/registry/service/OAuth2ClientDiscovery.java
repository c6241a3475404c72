package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Completes an oauth2 server configured without client details: discovers its authorization server (RFC 9728,
 * RFC 8414 / OIDC) and registers Portcullis there (RFC 7591); the registration is bound to that issuer. A failure
 * refuses the change.
 */
final class OAuth2ClientDiscovery {
    private final UpstreamAuthorizationPort upstream;
    private final Function<UUID, String> callbackUrl;

    OAuth2ClientDiscovery(UpstreamAuthorizationPort upstream, Function<UUID, String> callbackUrl) {
        this.upstream = upstream;
        this.callbackUrl = callbackUrl;
    }

    /** {@code config} with the discovered client, or unchanged when it needs no discovery. */
    Result<McpServerConfig, RegistryError> completeIfNeeded(McpServerConfig config, boolean scopesGiven) {
        return config.needsOAuth2Discovery() ? register(config, scopesGiven) : Result.ok(config);
    }

    /** {@code config} with a new registration at the authorization server its protected resource names now. */
    Result<McpServerConfig, RegistryError> register(McpServerConfig config, boolean keepScopes) {
        Result<UpstreamAuthorizationPort.DiscoveredClient, RegistryError.UpstreamFailure> found =
                upstream.discoverAndRegister(config.url(), callbackUrl.apply(config.id()));
        if (!found.isOk()) {
            return Result.err(new RegistryError.DiscoveryFailed(found.error()));
        }
        UpstreamAuthorizationPort.DiscoveredClient d = found.value();
        return Result.ok(new McpServerConfig(config.id(), config.displayName(), config.slug(), config.description(),
                config.iconUrl(), config.transport(), config.url(), config.authType(), d.clientId(), d.clientSecret(),
                d.authorizationUrl(), d.tokenUrl(), keepScopes ? config.oauth2Scopes() : d.scopes(), "", Optional.empty(),
                Map.of(), config.toolAllowList(), config.toolDenyList(), config.availability(), config.enabled(),
                config.createdAt(), config.updatedAt(), d.revocationUrl(), d.issuer(), d.issParameterSupported()));
    }
}

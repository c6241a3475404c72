package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.portcullis.adapters.discovery.GuardedHttpClient;
import io.portcullis.adapters.discovery.HttpMcpUpstream;
import io.portcullis.adapters.discovery.OutboundGuard;
import io.portcullis.adapters.discovery.UpstreamStreams;
import io.portcullis.adapters.http.gateway.JsonRpcCodec;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.gateway.service.RelayMcpRequestService;
import io.portcullis.application.oauth.port.in.FindRegisteredResourceUseCase;
import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.registry.port.in.FindPublishedServerUseCase;
import io.portcullis.application.registry.port.in.RecordInsufficientScopeUseCase;
import io.portcullis.application.registry.port.in.UpstreamCredentialsUseCase;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.domain.registry.GatewayPaths;
import io.portcullis.domain.shared.ResourceUri;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The MCP gateway, which reaches the registry through its inbound ports only, and the one guarded outbound HTTP
 * client. Gateway requests are checked on the {@code gateway} executor ({@code micronaut.executors.gateway}) and
 * relayed on the event loops of {@link UpstreamStreams}.
 */
@Factory
public class GatewayWiringFactory {
    @Singleton
    GuardedHttpClient guardedHttpClient(PortcullisProperties.OutboundProperties outbound) {
        return new GuardedHttpClient(new OutboundGuard(outbound.isAllowPrivateAddresses()));
    }

    /**
     * The relay's own non-blocking client: two event loops of its own, kept-alive connections per upstream.
     * {@code portcullis.gateway.idle-timeout} (default 5 minutes) is how long an upstream may stay silent while
     * a client waits for it (an elicitation can wait on a person).
     */
    @Singleton
    @Bean(preDestroy = "close")
    UpstreamStreams upstreamStreams(PortcullisProperties.OutboundProperties outbound,
            @Value("${portcullis.gateway.idle-timeout:5m}") Duration idleTimeout) {
        return new UpstreamStreams(new OutboundGuard(outbound.isAllowPrivateAddresses()),
                new UpstreamStreams.Settings(Duration.ofSeconds(10), idleTimeout, 64, 2));
    }

    @Singleton
    RelayMcpRequestService relayMcpRequestService(FindPublishedServerUseCase published, UpstreamCredentialsUseCase credentials,
            UpstreamStreams http, JsonMapper json, RecordInsufficientScopeUseCase scopeChallenges) {
        return new RelayMcpRequestService(published, credentials, new HttpMcpUpstream(http), new JsonRpcCodec(json),
                scopeChallenges);
    }

    /**
     * The protected resources oauth may issue tokens for (RFC 8707): the REST API at the access URL, and
     * {@code /mcp/<slug>} for each server the registry publishes, and the registered resources (PRODUCT §7).
     */
    @Singleton
    ProtectedResourcesPort protectedResources(ServerUrls urls, FindPublishedServerUseCase published,
            FindRegisteredResourceUseCase registered) {
        ResourceUri api = urls.apiResource();
        return resource -> resource.equals(api)
                || GatewayPaths.slugOf(api, resource).flatMap(published::findPublished).isPresent()
                || registered.find(resource).isPresent();
    }
}

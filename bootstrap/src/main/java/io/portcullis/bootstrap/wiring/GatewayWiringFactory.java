package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.json.JsonMapper;
import io.portcullis.adapters.discovery.GuardedHttpClient;
import io.portcullis.adapters.discovery.HttpMcpUpstream;
import io.portcullis.adapters.discovery.LegacySseBridge;
import io.portcullis.adapters.discovery.OutboundGuard;
import io.portcullis.adapters.discovery.UpstreamStreams;
import io.portcullis.adapters.http.gateway.JsonRpcCodec;
import io.portcullis.adapters.http.gateway.McpJsonCodec;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.service.AggregateMcpService;
import io.portcullis.adapters.http.gateway.McpGatewayController;
import io.portcullis.application.gateway.port.out.GatewayBudgetPort;
import io.portcullis.application.gateway.service.AdmittingRelay;
import io.portcullis.application.gateway.service.GatewayAdmission;
import io.portcullis.application.gateway.service.RelayMcpRequestService;
import io.portcullis.application.oauth.port.in.FindRegisteredResourceUseCase;
import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.registry.port.in.CachedRegistryUseCase;
import io.portcullis.application.registry.port.in.FindPublishedServerUseCase;
import io.portcullis.application.registry.port.in.RecordInsufficientScopeUseCase;
import io.portcullis.application.registry.port.in.ListPublishedServersUseCase;
import io.portcullis.application.registry.port.in.UpstreamCredentialsUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.registry.service.ListPublishedServersService;
import io.portcullis.bootstrap.config.GatewayLimitsProperties;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.domain.gateway.GatewayLimits;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.registry.GatewayPaths;
import io.portcullis.domain.shared.ResourceUri;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * The MCP gateway, which reaches the registry through its inbound ports only, and the one guarded outbound HTTP
 * client. Gateway requests pass the limits ({@link GatewayAdmission}), are checked in memory on the network thread
 * (or, when the database must be read, on the {@code gateway} executor) and relayed on the event loops of
 * {@link UpstreamStreams}.
 */
@Factory
public class GatewayWiringFactory {
    @Singleton
    GuardedHttpClient guardedHttpClient(PortcullisProperties.OutboundProperties outbound) {
        return new GuardedHttpClient(new OutboundGuard(outbound.isAllowPrivateAddresses()));
    }

    /**
     * The relay's non-blocking client, kept-alive connections per upstream: a request handled on one of the HTTP
     * server's event loops (the usual case, see {@link AdmittingRelay}) is relayed on that loop, with no thread
     * hand-off; others (after a database read on the {@code gateway} executor, the SSE bridge) on two loops of its own.
     * {@code portcullis.gateway.idle-timeout} (default 5 minutes) is how long an upstream may stay silent while
     * a client waits for it (an elicitation can wait on a person).
     */
    @Singleton
    @Bean(preDestroy = "close")
    UpstreamStreams upstreamStreams(PortcullisProperties.OutboundProperties outbound,
            @Value("${portcullis.gateway.idle-timeout:5m}") Duration idleTimeout, EventLoopGroupRegistry server) {
        return new UpstreamStreams(new OutboundGuard(outbound.isAllowPrivateAddresses()),
                new UpstreamStreams.Settings(Duration.ofSeconds(10), idleTimeout, 64, 2), server.getDefaultEventLoopGroup());
    }

    /** The bridge to {@code transport: sse} upstreams; its sessions idle for {@code portcullis.gateway.idle-timeout} close. */
    @Singleton
    @Bean(preDestroy = "close")
    LegacySseBridge legacySseBridge(UpstreamStreams http, JsonMapper json,
            @Value("${portcullis.gateway.idle-timeout:5m}") Duration idleTimeout) {
        return new LegacySseBridge(http, json, idleTimeout);
    }

    /** {@code portcullis.limits.*}, checked at start-up (a negative value stops it, naming the key). */
    @Context
    @Singleton
    GatewayLimits gatewayLimits(GatewayLimitsProperties limits) {
        try {
            return new GatewayLimits(limits.getRequestsPerSecondPerToken(), limits.getRequestsPerSecondPerAddress(),
                    limits.getConcurrentRequestsPerServer());
        } catch (DomainValidationException e) {
            throw new InvalidConfigurationException("portcullis." + e.field() + ": " + e.getMessage());
        }
    }

    /** The limits' shared state lives in PostgreSQL; this replica is known there by a random id of its own. */
    @Singleton
    GatewayAdmission gatewayAdmission(GatewayLimits limits, GatewayBudgetPort budgets, Clock clock) {
        return new GatewayAdmission(limits, budgets, UUID.randomUUID().toString(), clock);
    }

    /**
     * Limits first, then the relay; checks that need the database run on the {@code gateway} executor
     * ({@code micronaut.executors.gateway}), the others on the network thread the request arrived on.
     */
    @Singleton
    AdmittingRelay admittingRelay(RelayMcpRequestService relay, GatewayAdmission admission, CachedRegistryUseCase registry,
            @Named(McpGatewayController.EXECUTOR) ExecutorService gateway) {
        return new AdmittingRelay(relay, admission, registry, gateway);
    }

    @Singleton
    RelayMcpRequestService relayMcpRequestService(FindPublishedServerUseCase published, UpstreamCredentialsUseCase credentials,
            UpstreamStreams http, JsonMapper json, LegacySseBridge legacy, RecordInsufficientScopeUseCase scopeChallenges) {
        return new RelayMcpRequestService(published, credentials, new HttpMcpUpstream(http), new JsonRpcCodec(json), legacy,
                scopeChallenges);
    }

    @Singleton
    ListPublishedServersUseCase listPublishedServers(McpServerRepository servers, UpstreamTokenRepository tokens) {
        return new ListPublishedServersService(servers, tokens);
    }

    /**
     * The aggregated {@code /mcp}, over the (metered) relay; a user who is not connected is told the connect URL, and a
     * listing leaves out a server that has not answered within 10 seconds.
     */
    @Singleton
    AggregateMcpService aggregateMcpService(ListPublishedServersUseCase servers, RelayMcpRequestUseCase relay, JsonMapper json,
            ServerUrls urls) {
        String version = Objects.requireNonNullElse(AggregateMcpService.class.getPackage().getImplementationVersion(), "dev");
        return new AggregateMcpService(servers, relay, new McpJsonCodec(json),
                serverId -> urls.url("/api/v2/mcp/servers/" + serverId + "/oauth2/connect"), version, Duration.ofSeconds(10));
    }

    /**
     * The protected resources oauth may issue tokens for (RFC 8707): the REST API at the access URL, and
     * {@code /mcp/<slug>} for each server the registry publishes, the aggregated {@code /mcp}, and the registered resources (PRODUCT §7).
     */
    @Singleton
    ProtectedResourcesPort protectedResources(ServerUrls urls, FindPublishedServerUseCase published,
            FindRegisteredResourceUseCase registered) {
        ResourceUri api = urls.apiResource();
        return resource -> resource.equals(api) || GatewayPaths.isAggregate(api, resource)
                || GatewayPaths.slugOf(api, resource).flatMap(published::findPublished).isPresent()
                || registered.find(resource).isPresent();
    }
}

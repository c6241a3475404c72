package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import io.portcullis.adapters.discovery.GuardedHttpClient;
import io.portcullis.adapters.discovery.HttpUpstreamAuthorization;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.out.UpstreamAccessPort;
import io.portcullis.application.registry.port.in.DisconnectUpstreamUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.RegistryChangesPort;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.registry.service.CachedMcpServers;
import io.portcullis.application.registry.service.CachedUpstreamTokens;
import io.portcullis.application.registry.service.FindPublishedServerService;
import io.portcullis.application.registry.service.ConnectionTestService;
import io.portcullis.application.registry.service.DisconnectUpstreamService;
import io.portcullis.application.registry.service.McpServerService;
import io.portcullis.application.registry.service.RecordInsufficientScopeService;
import io.portcullis.application.registry.service.RegistryCache;
import io.portcullis.application.registry.service.UpstreamConnectService;
import io.portcullis.application.registry.service.UpstreamCredentialsService;
import io.portcullis.application.registry.service.UpstreamTokenRefresher;
import io.portcullis.application.registry.service.ViewMcpServersService;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.bootstrap.crypto.EncryptionKeys;
import io.portcullis.bootstrap.crypto.SealingKeys;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.application.shared.AuditTrail;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;

/** MCP server registry and credential broker. */
@Factory
public class RegistryWiringFactory {
    /** Per kind (servers by slug, by id, tokens): well above the servers and connected users of one deployment. */
    static final int REGISTRY_CACHE_ENTRIES = 10_000;

    /** Without a configured {@code datasources.default.url} the database is the embedded one (EmbeddedDatabaseStarter). */
    @Singleton
    SealingKeys sealingKeys(PortcullisProperties properties,
            @io.micronaut.context.annotation.Property(name = "datasources.default.url") @io.micronaut.core.annotation.Nullable
            String externalDatabase) {
        return new SealingKeys(EncryptionKeys.load(properties.getEncryptionKeys(), Path.of(properties.getDataDir()),
                externalDatabase == null || externalDatabase.isBlank()));
    }

    @Singleton
    SecretCipherPort secretCipher(SealingKeys keys) {
        return new AesGcmSecretCipher(keys.keys());
    }

    @Singleton
    UpstreamAuthorizationPort upstreamAuthorization(GuardedHttpClient http, JsonMapper json) {
        return new HttpUpstreamAuthorization(http, json);
    }

    private static Function<UUID, String> callbacks(ServerUrls urls) {
        return id -> urls.url("/api/v2/mcp/servers/" + id + "/oauth2/callback");
    }

    /**
     * Server configurations and users' upstream tokens in memory for the gateway, trusted only while PostgreSQL's
     * change notifications are received (adapters-persistence {@code RegistryChangeNotices}, migration V12). The
     * registry's services read and write through {@link CachedMcpServers} and {@link CachedUpstreamTokens}, so a
     * change made here is forgotten here at once, and everywhere else when it commits.
     */
    @Singleton
    RegistryCache registryCache(RegistryChangesPort changes, Clock clock) {
        RegistryCache cache = new RegistryCache(REGISTRY_CACHE_ENTRIES, clock);
        changes.subscribe(cache);
        return cache;
    }

    @Singleton
    ConnectionTestService connectionTestService(McpServerRepository servers, UpstreamAuthorizationPort upstream) {
        return new ConnectionTestService(servers, upstream);
    }

    @Singleton
    UpstreamTokenRefresher upstreamTokenRefresher(UpstreamTokenRepository tokens, RegistryCache cache,
            UpstreamAuthorizationPort upstream, JdbcUnitOfWork uow, Clock clock, AuditTrail audit) {
        return new UpstreamTokenRefresher(new CachedUpstreamTokens(tokens, cache), upstream, uow, clock, audit);
    }

    @Singleton
    McpServerService mcpServerService(McpServerRepository servers, UpstreamTokenRepository tokens, RegistryCache cache,
            UpstreamAuthorizationPort upstream, UpstreamTokenRefresher refresher, ServerUrls urls, JdbcUnitOfWork uow,
            RandomSource random, Clock clock, AuditTrail audit) {
        return new McpServerService(new CachedMcpServers(servers, cache), new CachedUpstreamTokens(tokens, cache), upstream,
                refresher, callbacks(urls), uow, random, clock, audit);
    }

    @Singleton
    ViewMcpServersService viewMcpServersService(McpServerRepository servers, UpstreamTokenRepository tokens, RegistryCache cache,
            UpstreamTokenRefresher refresher, Clock clock) {
        return new ViewMcpServersService(new CachedMcpServers(servers, cache), new CachedUpstreamTokens(tokens, cache), refresher,
                clock);
    }

    @Singleton
    DisconnectUpstreamService disconnectUpstreamService(McpServerRepository servers, UpstreamTokenRepository tokens,
            RegistryCache cache, UpstreamAuthorizationPort upstream, AuditTrail audit) {
        return new DisconnectUpstreamService(new CachedMcpServers(servers, cache), new CachedUpstreamTokens(tokens, cache),
                upstream, audit);
    }

    /** Identity's port, answered by the registry: a deleted user's upstream tokens are revoked at their upstreams. */
    @Singleton
    UpstreamAccessPort upstreamAccess(DisconnectUpstreamUseCase disconnect) {
        return disconnect::revocationOfAll;
    }

    /** For the gateway and the resource metadata of {@code /mcp/<slug>}. */
    @Singleton
    FindPublishedServerService findPublishedServerService(McpServerRepository servers, RegistryCache cache) {
        return new FindPublishedServerService(new CachedMcpServers(servers, cache));
    }

    /** For the MCP gateway; no HTTP route returns these headers. */
    @Singleton
    UpstreamCredentialsService upstreamCredentialsService(McpServerRepository servers, RegistryCache cache,
            UpstreamTokenRefresher refresher, io.portcullis.application.identity.port.in.ProviderAccessTokenUseCase providerTokens) {
        return new UpstreamCredentialsService(new CachedMcpServers(servers, cache), refresher, providerTokens);
    }

    @Singleton
    UpstreamConnectService upstreamConnectService(McpServerRepository servers, UpstreamAuthStateRepository states,
            UpstreamTokenRepository tokens, RegistryCache cache, UpstreamAuthorizationPort upstream, ServerUrls urls,
            JdbcUnitOfWork uow, RandomSource random, Clock clock, AuditTrail audit) {
        return new UpstreamConnectService(new CachedMcpServers(servers, cache), states, new CachedUpstreamTokens(tokens, cache),
                upstream, callbacks(urls), uow, random, clock, audit);
    }

    /** For the MCP gateway: an upstream's insufficient_scope marks the user's connection for a step-up. */
    @Singleton
    RecordInsufficientScopeService recordInsufficientScopeService(McpServerRepository servers, UpstreamTokenRepository tokens,
            RegistryCache cache) {
        return new RecordInsufficientScopeService(new CachedMcpServers(servers, cache), new CachedUpstreamTokens(tokens, cache));
    }
}

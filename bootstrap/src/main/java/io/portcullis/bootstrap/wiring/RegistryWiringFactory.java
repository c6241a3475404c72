package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import io.portcullis.adapters.discovery.GuardedHttpClient;
import io.portcullis.adapters.discovery.HttpUpstreamAuthorization;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.adapters.persistence.shared.AesGcmSecretCipher;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.registry.service.FindPublishedServerService;
import io.portcullis.application.registry.service.ConnectionTestService;
import io.portcullis.application.registry.service.McpServerService;
import io.portcullis.application.registry.service.RecordInsufficientScopeService;
import io.portcullis.application.registry.service.UpstreamConnectService;
import io.portcullis.application.registry.service.UpstreamCredentialsService;
import io.portcullis.application.registry.service.UpstreamTokenRefresher;
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

    @Singleton
    UpstreamTokenRefresher upstreamTokenRefresher(UpstreamTokenRepository tokens, UpstreamAuthorizationPort upstream,
            JdbcUnitOfWork uow, Clock clock, AuditTrail audit) {
        return new UpstreamTokenRefresher(tokens, upstream, uow, clock, audit);
    }

    @Singleton
    ConnectionTestService connectionTestService(McpServerRepository servers, UpstreamAuthorizationPort upstream) {
        return new ConnectionTestService(servers, upstream);
    }

    @Singleton
    McpServerService mcpServerService(McpServerRepository servers, UpstreamTokenRepository tokens,
            UpstreamAuthorizationPort upstream, UpstreamTokenRefresher refresher, ServerUrls urls, JdbcUnitOfWork uow,
            RandomSource random, Clock clock, AuditTrail audit) {
        return new McpServerService(servers, tokens, upstream, refresher, callbacks(urls), uow, random, clock, audit);
    }

    /** For the gateway and the resource metadata of {@code /mcp/<slug>}. */
    @Singleton
    FindPublishedServerService findPublishedServerService(McpServerRepository servers) {
        return new FindPublishedServerService(servers);
    }

    /** For the MCP gateway; no HTTP route returns these headers. */
    @Singleton
    UpstreamCredentialsService upstreamCredentialsService(McpServerRepository servers, UpstreamTokenRefresher refresher,
            io.portcullis.application.identity.port.in.ProviderAccessTokenUseCase providerTokens) {
        return new UpstreamCredentialsService(servers, refresher, providerTokens);
    }

    @Singleton
    UpstreamConnectService upstreamConnectService(McpServerRepository servers, UpstreamAuthStateRepository states,
            UpstreamTokenRepository tokens, UpstreamAuthorizationPort upstream, ServerUrls urls, JdbcUnitOfWork uow,
            RandomSource random, Clock clock, AuditTrail audit) {
        return new UpstreamConnectService(servers, states, tokens, upstream, callbacks(urls), uow, random, clock, audit);
    }

    /** For the MCP gateway: an upstream's insufficient_scope marks the user's connection for a step-up. */
    @Singleton
    RecordInsufficientScopeService recordInsufficientScopeService(McpServerRepository servers, UpstreamTokenRepository tokens) {
        return new RecordInsufficientScopeService(servers, tokens);
    }
}

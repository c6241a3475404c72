package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.portcullis.adapters.persistence.oauth.JdbcOAuthClientRepository;
import io.portcullis.adapters.persistence.oauth.JdbcOAuthTokenRepositories;
import io.portcullis.application.oauth.port.out.ClientChangesPort;
import io.portcullis.application.oauth.service.ClientCache;
import io.micronaut.json.JsonMapper;
import io.portcullis.adapters.discovery.HttpClientMetadataDocumentFetcher;
import io.portcullis.adapters.discovery.OutboundGuard;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenUseCase;
import io.portcullis.application.identity.port.in.RevokeOAuthAccessTokenUseCase;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.oauth.service.ResourceTokenMinter;
import io.portcullis.application.oauth.service.AuthenticateClientService;
import io.portcullis.application.oauth.service.AuthorizationService;
import io.portcullis.application.oauth.service.ClientDirectory;
import io.portcullis.application.oauth.service.ClientSecretIssuer;
import io.portcullis.application.oauth.service.ExchangeAuthorizationCodeService;
import io.portcullis.application.oauth.service.ManageClientsService;
import io.portcullis.application.oauth.service.ManageGrantsService;
import io.portcullis.application.oauth.service.RefreshAccessTokenService;
import io.portcullis.application.oauth.service.RegisterClientService;
import io.portcullis.application.oauth.service.RevokeTokenService;
import io.portcullis.application.oauth.service.TokenIssuer;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.application.shared.AuditTrail;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The OAuth2 authorization server. */
@Factory
public class OAuthWiringFactory {
    /** Clients and client secrets kept in memory per replica (each entry is small). */
    static final int CLIENT_CACHE_ENTRIES = 10_000;

    @Singleton
    OAuthPolicy oauthPolicy(PortcullisProperties.OAuthProperties properties, ServerUrls urls) {
        try {
            return new OAuthPolicy(urls.issuer(), urls.apiResource(), properties.getCodeLifetime(),
                    properties.getAccessTokenLifetime(), properties.getRefreshTokenLifetime(),
                    properties.isDynamicRegistration());
        } catch (DomainValidationException e) {
            throw new InvalidConfigurationException("portcullis." + e.field() + ": " + e.getMessage());
        }
    }

    @Singleton
    io.portcullis.application.oauth.service.RegistrationLimitService registrationLimitService(
            PortcullisProperties.OAuthProperties properties,
            io.portcullis.application.shared.port.out.AttemptCounterPort attemptCounters, Clock clock) {
        if (properties.getRegistrationsPerHour() < 1) {
            throw new InvalidConfigurationException("portcullis.oauth2.registrations-per-hour must be at least 1");
        }
        return new io.portcullis.application.oauth.service.RegistrationLimitService(attemptCounters,
                new io.portcullis.domain.shared.AttemptLimit(properties.getRegistrationsPerHour(), java.time.Duration.ofHours(1)),
                clock);
    }

    @Singleton
    ClientMetadataDocumentPort clientMetadataDocuments(PortcullisProperties.OutboundProperties outbound, JsonMapper json) {
        return new HttpClientMetadataDocumentFetcher(new OutboundGuard(outbound.isAllowPrivateAddresses()), json);
    }

    /**
     * Clients and client secrets in memory, trusted only while PostgreSQL's change notifications are being received
     * (adapters-persistence {@code ClientChangeNotices}, migration V13); every use of the two stores goes through it.
     */
    @Singleton
    ClientCache clientCache(ClientChangesPort changes) {
        ClientCache cache = new ClientCache(CLIENT_CACHE_ENTRIES);
        changes.subscribe(cache);
        return cache;
    }

    @Singleton
    @Primary
    OAuthClientRepository cachedClients(JdbcOAuthClientRepository store, ClientCache cache) {
        return cache.clients(store);
    }

    @Singleton
    @Primary
    ClientSecretRepository cachedClientSecrets(JdbcOAuthTokenRepositories.Secrets store, ClientCache cache) {
        return cache.secrets(store);
    }

    @Singleton
    ClientDirectory clientDirectory(OAuthClientRepository clients, ClientMetadataDocumentPort documents,
            PortcullisProperties.OutboundProperties outbound, Clock clock) {
        return new ClientDirectory(clients, documents, outbound.isAllowPrivateAddresses(), clock);
    }

    @Singleton
    ClientSecretIssuer clientSecretIssuer(ClientSecretRepository secrets, RandomSource random, Clock clock) {
        return new ClientSecretIssuer(secrets, random, clock);
    }

    @Singleton
    RegisterClientService registerClientService(OAuthClientRepository clients, ClientSecretIssuer secrets,
            JdbcUnitOfWork uow, RandomSource random, Clock clock, InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        return new RegisterClientService(clients, secrets, uow, random, clock, credentials, audit);
    }

    @Singleton
    ManageClientsService manageClientsService(OAuthClientRepository clients, ClientSecretRepository secrets,
            ClientSecretIssuer issuer, RandomSource random, Clock clock, InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        return new ManageClientsService(clients, secrets, issuer, random, clock, credentials, audit);
    }

    @Singleton
    AuthorizationService authorizationService(ClientDirectory clients, AuthorizationCodeRepository codes,
            OAuthPolicy policy, ProtectedResourcesPort resources, RegisteredResourceRepository registered,
            RandomSource random, Clock clock, AuditTrail audit) {
        return new AuthorizationService(clients, codes, policy, resources, registered, random, clock, audit);
    }

    @Singleton
    AuthenticateClientService authenticateClientService(ClientDirectory clients, ClientSecretRepository secrets,
            Clock clock) {
        return new AuthenticateClientService(clients, secrets, clock);
    }

    @Singleton
    TokenIssuer tokenIssuer(IssueOAuthAccessTokenUseCase accessTokens, OAuthPolicy policy, RandomSource random,
            RegisteredResourceRepository registered, ResourceTokenMinter minter, ServerUrls urls, AuditTrail audit) {
        ResourceUri api = urls.apiResource();
        return new TokenIssuer(accessTokens, policy, random, registered, minter,
                resource -> resource.equals(api) || io.portcullis.domain.registry.GatewayPaths.isAggregate(api, resource)
                        || io.portcullis.domain.registry.GatewayPaths.slugOf(api, resource).isPresent(), audit);
    }

    @Singleton
    ExchangeAuthorizationCodeService exchangeAuthorizationCodeService(AuthorizationCodeRepository codes,
            GrantRepository grants, ProtectedResourcesPort resources, TokenIssuer issuer, JdbcUnitOfWork uow,
            RandomSource random, Clock clock, InvalidateCredentialsUseCase credentials) {
        return new ExchangeAuthorizationCodeService(codes, grants, resources, issuer, uow, random, clock, credentials);
    }

    @Singleton
    RefreshAccessTokenService refreshAccessTokenService(RefreshTokenRepository refreshTokens, GrantRepository grants,
            ProtectedResourcesPort resources, TokenIssuer issuer, JdbcUnitOfWork uow, Clock clock,
            InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        return new RefreshAccessTokenService(refreshTokens, grants, resources, issuer, uow, clock, credentials, audit);
    }

    @Singleton
    RevokeTokenService revokeTokenService(RefreshTokenRepository refreshTokens, GrantRepository grants,
            RevokeOAuthAccessTokenUseCase accessTokens, JdbcUnitOfWork uow, InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        return new RevokeTokenService(refreshTokens, grants, accessTokens, uow, credentials, audit);
    }

    @Singleton
    ManageGrantsService manageGrantsService(GrantRepository grants, OAuthClientRepository clients,
            InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        return new ManageGrantsService(grants, clients, credentials, audit);
    }
}

package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import io.portcullis.adapters.discovery.HttpClientMetadataDocumentFetcher;
import io.portcullis.adapters.discovery.OutboundGuard;
import io.portcullis.adapters.http.shared.RegistrationRateLimit;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.oauth.service.AuthorizationService;
import io.portcullis.application.oauth.service.ClientDirectory;
import io.portcullis.application.oauth.service.ClientService;
import io.portcullis.application.oauth.service.GrantService;
import io.portcullis.application.oauth.service.TokenService;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.RandomSource;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The OAuth2 authorization server. */
@Factory
public class OAuthWiringFactory {
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
    RegistrationRateLimit registrationRateLimit(PortcullisProperties.OAuthProperties properties, Clock clock) {
        if (properties.getRegistrationsPerHour() < 1) {
            throw new InvalidConfigurationException("portcullis.oauth2.registrations-per-hour must be at least 1");
        }
        return new RegistrationRateLimit(properties.getRegistrationsPerHour(), clock);
    }

    @Singleton
    ClientMetadataDocumentPort clientMetadataDocuments(PortcullisProperties.OutboundProperties outbound, JsonMapper json) {
        return new HttpClientMetadataDocumentFetcher(new OutboundGuard(outbound.isAllowPrivateAddresses()), json);
    }

    @Singleton
    ClientDirectory clientDirectory(OAuthClientRepository clients, ClientMetadataDocumentPort documents,
            PortcullisProperties.OutboundProperties outbound, Clock clock) {
        return new ClientDirectory(clients, documents, outbound.isAllowPrivateAddresses(), clock);
    }

    @Singleton
    ClientService clientService(OAuthClientRepository clients, ClientSecretRepository secrets, JdbcUnitOfWork uow,
            RandomSource random, Clock clock) {
        return new ClientService(clients, secrets, uow, random, clock);
    }

    @Singleton
    AuthorizationService authorizationService(ClientDirectory clients, AuthorizationCodeRepository codes,
            OAuthPolicy policy, ProtectedResourcesPort resources, RandomSource random, Clock clock) {
        return new AuthorizationService(clients, codes, policy, resources, random, clock);
    }

    @Singleton
    TokenService tokenService(ClientDirectory clients, ClientSecretRepository secrets, AuthorizationCodeRepository codes,
            GrantRepository grants, RefreshTokenRepository refreshTokens, ApiKeyRepository keys, ApiKeyFactory keyFactory,
            OAuthPolicy policy, ProtectedResourcesPort resources, JdbcUnitOfWork uow, RandomSource random, Clock clock) {
        return new TokenService(clients, secrets, codes, grants, refreshTokens, keys, keyFactory, policy, resources, uow, random,
                clock);
    }

    @Singleton
    GrantService grantService(GrantRepository grants, OAuthClientRepository clients) {
        return new GrantService(grants, clients);
    }
}

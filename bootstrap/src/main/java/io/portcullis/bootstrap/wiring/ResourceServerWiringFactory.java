package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.in.FindOAuthAccessTokenUseCase;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenUseCase;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.oauth.port.out.AccessTokenJwtPort;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import io.portcullis.application.oauth.port.out.SigningKeyRepository;
import io.portcullis.application.oauth.port.out.UserNamesPort;
import io.portcullis.application.oauth.service.ClientCredentialsGrantService;
import io.portcullis.application.oauth.service.ClientSecretIssuer;
import io.portcullis.application.oauth.service.IntrospectTokenService;
import io.portcullis.application.oauth.service.ManageResourcesService;
import io.portcullis.application.oauth.service.ResourceTokenFinder;
import io.portcullis.application.oauth.service.ResourceTokenMinter;
import io.portcullis.application.oauth.service.ResourceTokenPurgeService;
import io.portcullis.application.oauth.service.RevokeResourceTokenService;
import io.portcullis.application.oauth.service.SigningKeyService;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.bootstrap.crypto.MicronautAccessTokenJwt;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.application.shared.AuditTrail;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Tokens for resources Portcullis does not host (PRODUCT §7): registered resources, JWTs, JWKS, introspection. */
@Factory
public class ResourceServerWiringFactory {
    @Singleton
    AccessTokenJwtPort accessTokenJwt() {
        return new MicronautAccessTokenJwt();
    }

    @Singleton
    UserNamesPort userNames(UserRepository users) {
        return id -> users.findById(id).map(u -> u.username().value());
    }

    @Singleton
    SigningKeyService signingKeyService(SigningKeyRepository keys, AccessTokenJwtPort jwt,
            PortcullisProperties.OAuthProperties properties, RandomSource random, Clock clock, AuditTrail audit) {
        if (properties.getSigningKeyActivationDelay().isNegative()) {
            throw new InvalidConfigurationException("portcullis.oauth2.signing-key-activation-delay must not be negative");
        }
        return new SigningKeyService(keys, jwt, properties.getSigningKeyActivationDelay(), random, clock, audit);
    }

    @Singleton
    ResourceTokenMinter resourceTokenMinter(ResourceAccessTokenRepository tokens, SigningKeyService keys,
            AccessTokenJwtPort jwt, OAuthPolicy policy, RandomSource random) {
        return new ResourceTokenMinter(tokens, keys, jwt, policy.issuer(), random);
    }

    @Singleton
    ResourceTokenFinder resourceTokenFinder(ResourceAccessTokenRepository tokens, SigningKeyService keys,
            AccessTokenJwtPort jwt) {
        return new ResourceTokenFinder(tokens, keys, jwt);
    }

    @Singleton
    ManageResourcesService manageResourcesService(RegisteredResourceRepository resources, OAuthClientRepository clients,
            ClientSecretIssuer secrets, ResourceAccessTokenRepository tokens, JdbcUnitOfWork uow, RandomSource random,
            Clock clock, AuditTrail audit) {
        return new ManageResourcesService(resources, clients, secrets, tokens, uow, random, clock, audit);
    }

    @Singleton
    IntrospectTokenService introspectTokenService(ResourceTokenFinder finder, RegisteredResourceRepository resources,
            OAuthClientRepository clients, UserNamesPort users, FindOAuthAccessTokenUseCase ownTokens, Clock clock) {
        return new IntrospectTokenService(finder, resources, clients, users, ownTokens, clock);
    }

    @Singleton
    RevokeResourceTokenService revokeResourceTokenService(ResourceTokenFinder finder, ResourceAccessTokenRepository tokens,
            Clock clock) {
        return new RevokeResourceTokenService(finder, tokens, clock);
    }

    @Singleton
    ResourceTokenPurgeService resourceTokenPurgeService(ResourceAccessTokenRepository tokens) {
        return new ResourceTokenPurgeService(tokens);
    }

    @Singleton
    ClientCredentialsGrantService clientCredentialsGrantService(RegisteredResourceRepository resources,
            ResourceTokenMinter minter, IssueOAuthAccessTokenUseCase accessTokens, OAuthPolicy policy, ServerUrls urls,
            JdbcUnitOfWork uow, Clock clock, AuditTrail audit) {
        return new ClientCredentialsGrantService(resources, minter, accessTokens, policy, urls.apiResource(), uow, clock,
                audit);
    }
}

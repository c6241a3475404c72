package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.CredentialChangesPort;
import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.application.identity.port.out.UpstreamAccessPort;
import io.portcullis.application.identity.port.out.SetupCodeRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.identity.service.ApiKeyService;
import io.portcullis.application.identity.service.CredentialCache;
import io.portcullis.application.identity.service.OAuthAccessTokenService;
import io.portcullis.application.identity.service.OidcLinkRefresher;
import io.portcullis.application.identity.service.RequestAuthenticationService;
import io.portcullis.application.identity.service.SessionService;
import io.portcullis.application.identity.service.SetupCodeService;
import io.portcullis.application.identity.service.SignInThrottle;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.port.out.AttemptCounterPort;
import io.portcullis.application.identity.service.FirstUserService;
import io.portcullis.application.identity.service.UserAccountService;
import io.portcullis.application.identity.service.AccountChangesService;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.bootstrap.crypto.Argon2idPasswordHasher;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.LoginThrottlePolicy;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.RandomSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/** Users, sessions, API keys and request authentication. */
@Factory
public class IdentityWiringFactory {
    /** Entries are about 1 KiB each: the cache stays near 10 MiB at most. */
    static final int CREDENTIAL_CACHE_ENTRIES = 10_000;

    @Singleton
    IdentityPolicy identityPolicy(PortcullisProperties properties, PortcullisProperties.TokenProperties tokens) {
        try {
            return new IdentityPolicy(properties.getSessionDuration(), !properties.isDisableSessionExpiryRefresh(),
                    tokens.getDefaultLifetime(), tokens.getMaxLifetime());
        } catch (DomainValidationException e) {
            throw new InvalidConfigurationException("portcullis." + e.field() + ": " + e.getMessage());
        }
    }

    @Singleton
    PasswordHashingPort passwordHasher(RandomSource random) {
        return new Argon2idPasswordHasher(random);
    }

    @Singleton
    ApiKeyFactory apiKeyFactory(RandomSource random) {
        return new ApiKeyFactory(random);
    }

    @Singleton
    UserAccountService userAccountService(UserRepository users, PasswordHashingPort hasher, JdbcUnitOfWork uow,
            RandomSource random, CredentialCache credentials, Clock clock, AuditTrail audit) {
        return new UserAccountService(users, hasher, uow, random, credentials, clock, audit);
    }

    @Singleton
    FirstUserService firstUserService(UserRepository users, PasswordHashingPort hasher, JdbcUnitOfWork uow,
            RandomSource random, Clock clock, AuditTrail audit) {
        return new FirstUserService(users, hasher, uow, random, clock, audit);
    }

    @Singleton
    AccountChangesService accountChangesService(UserRepository users, ApiKeyRepository keys, UserAccountService lookup,
            PasswordHashingPort hasher, JdbcUnitOfWork uow, CredentialCache credentials, AuditTrail audit,
            UpstreamAccessPort upstream) {
        return new AccountChangesService(users, keys, lookup, hasher, uow, credentials, audit, upstream);
    }

    @Singleton
    io.portcullis.application.identity.service.ProfileService profileService(UserRepository users, UserAccountService lookup,
            JdbcUnitOfWork uow, CredentialCache credentials, AuditTrail audit) {
        return new io.portcullis.application.identity.service.ProfileService(users, lookup, uow, credentials, audit);
    }

    /** The setup code: shared through the database unless it is the embedded one, which only this process uses. */
    @Singleton
    SetupCodeService setupCodeService(@Value("${portcullis.setup-code:}") String configured,
            @Property(name = "datasources.default.url") @Nullable String externalDatabase, SetupCodeRepository codes,
            FirstUserService users, RandomSource random, Clock clock) {
        return new SetupCodeService(Optional.ofNullable(configured), externalDatabase != null && !externalDatabase.isBlank(),
                codes, users, random, clock);
    }

    @Singleton
    SessionService sessionService(UserRepository users, ApiKeyRepository keys, PasswordHashingPort hasher,
            ApiKeyFactory factory, IdentityPolicy policy, AttemptCounterPort attemptCounters, CredentialCache credentials,
            Clock clock, JdbcUnitOfWork uow, AuditTrail audit) {
        return new SessionService(users, keys, hasher, factory, policy,
                new SignInThrottle(attemptCounters, LoginThrottlePolicy.defaults(), clock), credentials, clock, uow, audit);
    }

    @Singleton
    ApiKeyService apiKeyService(UserAccountService users, ApiKeyRepository keys, ApiKeyFactory factory,
            IdentityPolicy policy, CredentialCache credentials, Clock clock, JdbcUnitOfWork uow, AuditTrail audit) {
        return new ApiKeyService(users, keys, factory, policy, credentials, clock, uow, audit);
    }

    @Singleton
    RequestAuthenticationService requestAuthenticationService(ApiKeyRepository keys, UserRepository users,
            IdentityPolicy policy, CredentialCache cache, Clock clock, OidcLinkRefresher oidcLinks) {
        return new RequestAuthenticationService(keys, users, policy, cache, clock, java.util.Optional.of(oidcLinks));
    }

    /**
     * Validated credentials in memory, trusted only while PostgreSQL's change notifications are being received
     * (adapters-persistence {@code CredentialChangeNotices}); also this replica's {@code InvalidateCredentialsUseCase}.
     */
    @Singleton
    CredentialCache credentialCache(CredentialChangesPort changes) {
        CredentialCache cache = new CredentialCache(CREDENTIAL_CACHE_ENTRIES);
        changes.subscribe(cache);
        return cache;
    }

    @Singleton
    OAuthAccessTokenService oauthAccessTokenService(ApiKeyRepository keys, ApiKeyFactory factory,
            CredentialCache credentials, Clock clock) {
        return new OAuthAccessTokenService(keys, factory, credentials, clock);
    }
}

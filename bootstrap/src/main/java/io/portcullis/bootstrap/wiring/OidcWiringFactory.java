package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import io.portcullis.adapters.discovery.GuardedHttpClient;
import io.portcullis.adapters.discovery.HttpOidcProvider;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.OidcLinkRepository;
import io.portcullis.application.identity.port.out.OidcProviderPort;
import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.identity.service.OidcAccountLinker;
import io.portcullis.application.identity.service.OidcLinkRefresher;
import io.portcullis.application.identity.service.OidcSignInService;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import io.portcullis.bootstrap.config.OidcConfiguration;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.OidcSettings;
import io.portcullis.domain.shared.RandomSource;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** Sign-in with OpenID providers, the provider links, and their tokens for {@code user_oidc} servers (PRODUCT §8). */
@Factory
public class OidcWiringFactory {
    @Singleton
    OidcSettings oidcSettings(Environment environment, PortcullisProperties.OutboundProperties outbound) {
        return OidcConfiguration.read(environment, outbound.isAllowPrivateAddresses());
    }

    @Singleton
    OidcProviderPort oidcProvider(GuardedHttpClient http, JsonMapper json, Clock clock) {
        return new HttpOidcProvider(http, json, clock);
    }

    @Singleton
    OidcSignInService oidcSignInService(OidcSettings settings, OidcProviderPort providers, UserRepository users,
            OidcLinkRepository links, ApiKeyRepository keys, ApiKeyFactory factory, IdentityPolicy policy,
            PasswordHashingPort hasher, JdbcUnitOfWork uow, SecretCipherPort cipher, RandomSource random, Clock clock) {
        return new OidcSignInService(settings, providers,
                new OidcAccountLinker(users, links, keys, factory, policy, hasher, uow, random, clock), cipher, random, clock);
    }

    /** Refreshes run on the I/O pool, apart from the request that needed them (a cancelled request cannot lose one). */
    @Singleton
    OidcLinkRefresher oidcLinkRefresher(OidcSettings settings, OidcLinkRepository links, OidcProviderPort providers,
            JdbcUnitOfWork uow, @Named(TaskExecutors.IO) ExecutorService io, Clock clock) {
        return new OidcLinkRefresher(settings, links, providers, uow, io, clock);
    }
}

package io.portcullis.bootstrap.config;

import io.micronaut.context.annotation.Context;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.oauth.OAuthPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built eagerly at start-up so that every validated setting is checked before the server accepts a
 * request: an invalid access URL or lifetime stops the service with a message naming the key.
 */
@Context
public final class StartupChecks {
    private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

    public StartupChecks(ServerUrls urls, IdentityPolicy identity, OAuthPolicy oauth,
            io.portcullis.application.shared.port.out.SecretCipherPort cipher,
            io.portcullis.application.oauth.port.in.AdmitRegistrationUseCase registrationLimit,
            io.portcullis.adapters.http.shared.ClientAddressResolver clientAddresses, PortcullisProperties.AuditProperties audit,
            @io.micronaut.context.annotation.Value("${portcullis.log-format:text}") String logFormat) {
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new io.portcullis.bootstrap.wiring.InvalidConfigurationException(
                    "portcullis.log-format (PORTCULLIS_LOG_FORMAT) must be text or json, not '" + logFormat + "'");
        }
        audit.validatedRetention();
        LOG.info("Portcullis issuer {} (sessions {}, access tokens {}, refresh tokens {}, dynamic registration {})",
                urls.issuer(), identity.sessionDuration(), oauth.accessTokenLifetime(), oauth.refreshTokenLifetime(),
                oauth.dynamicRegistration() ? "on" : "off");
        LOG.info("Client addresses: {}", clientAddresses.trustedProxies().isEmpty() ? "the socket address (no trusted proxies)"
                : "forwarded by trusted proxies " + clientAddresses.trustedProxies());
    }
}

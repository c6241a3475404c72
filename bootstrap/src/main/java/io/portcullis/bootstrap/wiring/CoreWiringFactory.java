package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.portcullis.adapters.http.shared.HttpDate;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.bootstrap.config.PortcullisProperties;
import io.portcullis.bootstrap.crypto.SecureRandomSource;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;

/** Cross-cutting beans: clock, the Date header, randomness, public URLs (transactions: JdbcUnitOfWork in adapters-persistence). */
@Factory
public class CoreWiringFactory {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every answer's {@code Date} header (Micronaut's own is off: micronaut.server.date-header). */
    @Singleton
    HttpDate httpDate(Clock clock) {
        return new HttpDate(clock);
    }

    @Singleton
    RandomSource randomSource() {
        return new SecureRandomSource();
    }

    /** Refuses to start on an access URL that is not an absolute http(s) URL without query or fragment. */
    @Singleton
    ServerUrls serverUrls(PortcullisProperties properties) {
        String url = properties.getAccessUrl();
        try {
            URI uri = URI.create(url);
            ResourceUri.parse(url);
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new DomainValidationException("access-url", "must not have a query or fragment");
            }
        } catch (IllegalArgumentException | DomainValidationException e) {
            throw new InvalidConfigurationException("portcullis.access-url (PORTCULLIS_ACCESS_URL) '" + url
                    + "' is not a valid http(s) URL: " + e.getMessage());
        }
        return new ServerUrls(url);
    }
}

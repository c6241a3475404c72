package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.adapters.http.shared.IpRange;
import io.portcullis.bootstrap.config.PortcullisProperties;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The client address of each request, from the socket or from trusted reverse proxies ({@code portcullis.trusted-proxies}). */
@Factory
public class ClientAddressWiringFactory {
    @Singleton
    ClientAddressResolver clientAddressResolver(PortcullisProperties properties) {
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : properties.getTrustedProxies()) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                ranges.add(IpRange.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("portcullis.trusted-proxies: " + e.getMessage());
            }
        }
        return new ClientAddressResolver(ranges);
    }
}

package io.portcullis.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code portcullis.trusted-proxies} is checked at start-up: a range that is not a CIDR stops the service, naming it. */
class TrustedProxiesConfigIT {
    private static Map<String, Object> props(String trustedProxies) {
        Map<String, Object> props = new HashMap<>(Map.of("micronaut.server.port", -1, "datasources.default.url",
                TestPostgres.newDatabaseUrl(), "datasources.default.username", "postgres", "datasources.default.password", "postgres"));
        props.put("portcullis.encryption-keys", io.portcullis.bootstrap.support.ServiceTest.TEST_ENCRYPTION_KEY);
        props.put("portcullis.trusted-proxies", trustedProxies);
        return props;
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/40", "10.0.0.0/8,fd00::/200"})
    void startWhenARangeIsNotACidrThenFailsNamingTheSettingAndTheEntry(String value) {
        assertThatThrownBy(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(props(value))) {
                // started: the setting was accepted
            }
        }).satisfies(e -> {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains("portcullis.trusted-proxies").contains(value.contains(",") ? "fd00::/200" : value);
        });
    }

    @Test
    void startWhenRangesValidThenBothFamiliesAreTrusted() {
        try (ApplicationContext context = ApplicationContext.run(props("10.0.0.0/8, 2001:db8::/32 ,192.0.2.7"))) {
            assertThat(context.getBean(ClientAddressResolver.class).trustedProxies()).extracting(Object::toString)
                    .containsExactly("10.0.0.0/8", "2001:db8:0:0:0:0:0:0/32", "192.0.2.7/32");
        }
    }
}

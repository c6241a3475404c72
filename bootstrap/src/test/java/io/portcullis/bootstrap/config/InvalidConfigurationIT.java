package io.portcullis.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Start-up refuses invalid settings with a message naming the key. */
class InvalidConfigurationIT {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "portcullis.access-url|ftp://example.com|portcullis.access-url",
        "portcullis.access-url|not a url|portcullis.access-url",
        "portcullis.access-url|https://example.com/?x=1|portcullis.access-url",
        "portcullis.oauth2.refresh-token-lifetime|10m|refresh-token-lifetime",
        "portcullis.token.max-lifetime|1h|max-lifetime",
        "portcullis.session-duration|1m|session-duration",
        "portcullis.encryption-keys|not-base64!|portcullis.encryption-keys",
        "portcullis.encryption-keys|c2hvcnQ=|32 bytes",
        "portcullis.oauth2.registrations-per-hour|0|registrations-per-hour",
    })
    void startWhenSettingInvalidThenFailsNamingIt(String key, String value, String named) {
        Map<String, Object> props = new HashMap<>(Map.of("micronaut.server.port", -1, "datasources.default.url",
                TestPostgres.newDatabaseUrl(), "datasources.default.username", "postgres", "datasources.default.password", "postgres",
                "portcullis.encryption-keys", io.portcullis.bootstrap.support.ServiceTest.TEST_ENCRYPTION_KEY));
        props.put(key, value);
        assertThatThrownBy(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(props)) {
                // started: the setting was accepted
            }
        }).satisfies(e -> {
            Throwable t = e;
            StringBuilder messages = new StringBuilder();
            while (t != null) {
                messages.append(t.getMessage()).append('\n');
                t = t.getCause();
            }
            org.assertj.core.api.Assertions.assertThat(messages.toString()).contains(named);
        });
    }
}

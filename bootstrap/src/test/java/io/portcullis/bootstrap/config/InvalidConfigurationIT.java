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
        "portcullis.log-format|xml|portcullis.log-format",
        "portcullis.audit.retention|12h|portcullis.audit.retention",
        "portcullis.audit.retention|-5d|portcullis.audit.retention",
        "portcullis.audit.retention|ninety days|audit.retention",
        "portcullis.oidc.providers.corp.issuer|ftp://idp.example|portcullis.oidc.providers.corp.issuer",
        "portcullis.oidc.providers.corp.issuer|https://idp.example|portcullis.oidc.providers.corp.client-id: is required",
        "portcullis.oidc.providers.corp.client-id|portcullis|portcullis.oidc.providers.corp.issuer: is required",
        "portcullis.password-login|false|portcullis.password-login",
        "portcullis.password-login|maybe|portcullis.password-login: must be true or false",
        "portcullis.limits.requests-per-second-per-token|-1|portcullis.limits.requests-per-second-per-token",
        "portcullis.limits.concurrent-requests-per-server|-5|portcullis.limits.concurrent-requests-per-server",
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

    /** The real entry point: one line on stderr naming the key, exit code 2, no stack trace (PRODUCT §11). */
    @org.junit.jupiter.api.Test
    void mainWhenSettingInvalidThenOneLineAndExitCode2() throws Exception {
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmicronaut.server.port=-1",
                "-Ddatasources.default.url=" + TestPostgres.newDatabaseUrl(), "-Ddatasources.default.username=postgres",
                "-Ddatasources.default.password=postgres", "-Dportcullis.access-url=ftp://example.com",
                "-Dportcullis.encryption-keys=" + io.portcullis.bootstrap.support.ServiceTest.TEST_ENCRYPTION_KEY,
                "io.portcullis.bootstrap.Application").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(p.waitFor()).as(output).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(output).contains("portcullis: invalid configuration: portcullis.access-url")
                .doesNotContain("\tat ").doesNotContain("Exception");
        org.assertj.core.api.Assertions.assertThat(output.lines().filter(l -> l.contains("access-url"))).hasSize(1);
    }
}

package io.portcullis.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mistyped {@code PORTCULLIS_*} variables are found; real settings and other variables are not. */
class UnknownSettingsTest {
    @Test
    void unknownWhenMistypedThenNamedAndSettingsPass() {
        Map<String, String> env = Map.of("PORTCULLIS_ACCESS_URL", "https://a.example", "PORTCULLIS_ACESS_URL", "x",
                "PORTCULLIS_OAUTH2_ACCESS_TOKEN_LIFETIME", "1h", "PORTCULLIS_OAUTH2_ACCESS_TOKEN_LIFETIM", "1h",
                "PORTCULLIS_ENCRYPTION_KEYS", "k", "PORTCULLIS_METRICS_PUBLIC", "true", "PATH", "/bin",
                "DATASOURCES_DEFAULT_URL", "jdbc:x");
        assertThat(UnknownSettings.unknown(env)).containsExactly("PORTCULLIS_ACESS_URL", "PORTCULLIS_OAUTH2_ACCESS_TOKEN_LIFETIM");
    }
}

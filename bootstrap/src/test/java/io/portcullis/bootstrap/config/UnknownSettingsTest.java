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

    @Test
    void unknownWhenOidcProviderSettingsThenAnyProviderNameButOnlyItsFields() {
        Map<String, String> env = Map.of("PORTCULLIS_OIDC_PROVIDERS_CORP_ISSUER", "https://idp.example",
                "PORTCULLIS_OIDC_PROVIDERS_OKTA_CLIENT_ID", "x", "PORTCULLIS_OIDC_PROVIDERS_CORP_AUTO_CREATE_USERS", "true",
                "PORTCULLIS_OIDC_PROVIDERS_CORP_CLIENTID", "x", "PORTCULLIS_OIDC_PROVIDERS_ISSUER", "x",
                "PORTCULLIS_PASSWORD_LOGIN", "false", "PORTCULLIS_BREAK_GLASS_USER", "owner");
        assertThat(UnknownSettings.unknown(env)).containsExactly("PORTCULLIS_OIDC_PROVIDERS_CORP_CLIENTID",
                "PORTCULLIS_OIDC_PROVIDERS_ISSUER");
    }
}

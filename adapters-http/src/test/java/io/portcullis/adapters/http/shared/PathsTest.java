package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathsTest {
    @Test
    void withinWhenPathIsTheSegmentOrBelowItThenTrue() {
        assertThat(Paths.within("/account", "/account")).isTrue();
        assertThat(Paths.within("/account/", "/account")).isTrue();
        assertThat(Paths.within("/account/keys", "/account")).isTrue();
        assertThat(Paths.within("/accounts", "/account")).isFalse();
        assertThat(Paths.within("/acc", "/account")).isFalse();
        assertThat(Paths.within("/x/account", "/account")).isFalse();
    }

    @Test
    void readsBodiesWhenPathIsABodyReadingRouteThenTrueAndOtherwiseFalse() {
        for (String path : new String[] {"/api", "/api/v2/users/me", "/oauth2/token", "/mcp", "/mcp/tools", "/account/keys",
                "/login", "/setup", "/logout"}) {
            assertThat(UnsupportedCharsetFilter.readsBodies(path)).as(path).isTrue();
        }
        for (String path : new String[] {"/", "/healthz", "/metrics", "/apis", "/mcpx", "/login/oidc/callback", "/assets/x.css",
                "/.well-known/jwks.json", "/logouts"}) {
            assertThat(UnsupportedCharsetFilter.readsBodies(path)).as(path).isFalse();
        }
    }
}

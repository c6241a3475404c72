package io.portcullis.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class McpServerDraftTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static McpServerDraft draft(String authType, String header, String value, Map<String, String> headers) {
        return new McpServerDraft(Optional.of("S"), Optional.of("s"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("https://s.example/mcp"), Optional.ofNullable(authType), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(header), Optional.ofNullable(value),
                Optional.ofNullable(headers), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void toStringWhenSecretsPresentThenNeverPrinted() {
        McpServerConfig c = draft("api_key", "X-Key", "super-secret-value", null).create(UUID.randomUUID(), T0).value();
        assertThat(c.toString()).doesNotContain("super-secret-value");
        assertThat(draft("api_key", "X-Key", "super-secret-value", null).toString()).doesNotContain("super-secret-value");
    }

    @Test
    void applyToWhenAuthTypeSwitchesThenOtherSecretsCleared() {
        McpServerConfig withKey = draft("api_key", "X-Key", "v", null).create(UUID.randomUUID(), T0).value();
        McpServerConfig switched = draft("custom_headers", null, null, Map.of("X-Team", "a")).applyTo(withKey, T0).value();
        assertThat(switched.apiKeyValue()).isEmpty();
        assertThat(switched.apiKeyHeader()).isEmpty();
        assertThat(switched.customHeaders()).containsEntry("X-Team", "a");
        McpServerConfig none = draft("none", null, null, null).applyTo(switched, T0).value();
        assertThat(none.customHeaders()).isEmpty();
    }

    @Test
    void createWhenDefaultsThenNoneTransportStreamableDisabledDefaultOff() {
        McpServerConfig c = draft(null, null, null, null).create(UUID.randomUUID(), T0).value();
        assertThat(c.authType()).isEqualTo(McpServerConfig.AuthType.NONE);
        assertThat(c.transport()).isEqualTo(McpServerConfig.Transport.STREAMABLE_HTTP);
        assertThat(c.availability()).isEqualTo(McpServerConfig.Availability.DEFAULT_OFF);
        assertThat(c.enabled()).isFalse();
        assertThat(c.toolAllowList()).isEqualTo(List.of());
    }

    @Test
    void applyToWhenOauth2UrlChangesWithoutNewClientThenClientForgottenForRediscovery() {
        McpServerDraft manual = new McpServerDraft(Optional.of("O"), Optional.of("o"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("https://o.example/mcp"), Optional.of("oauth2"), Optional.of("cid"),
                Optional.of("secret"), Optional.of("https://as.example/a"), Optional.of("https://as.example/t"),
                Optional.of("read"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(true));
        McpServerConfig c = manual.create(UUID.randomUUID(), T0).value();
        McpServerDraft moveOnly = new McpServerDraft(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("https://elsewhere.example/mcp"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        McpServerConfig moved = moveOnly.applyTo(c, T0).value();
        assertThat(moved.needsOAuth2Discovery()).isTrue();
        assertThat(moved.oauth2ClientSecret()).isEmpty();
        McpServerDraft rename = new McpServerDraft(Optional.of("Renamed"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        McpServerConfig renamed = rename.applyTo(c, T0).value();
        assertThat(renamed.oauth2ClientId()).isEqualTo("cid");
        assertThat(renamed.oauth2ClientSecret()).contains("secret");
    }

    @Test
    void createWhenHeaderReservedForTheTransportThenRefused() {
        assertThat(draft("custom_headers", null, null, Map.of("Connection", "close")).create(UUID.randomUUID(), T0).error().field())
                .isEqualTo("custom_headers");
        assertThat(draft("api_key", "Host", "x", null).create(UUID.randomUUID(), T0).error().field()).isEqualTo("api_key_header");
        assertThat(draft("custom_headers", null, null, Map.of("X-Team", "a")).create(UUID.randomUUID(), T0).isOk()).isTrue();
    }
}

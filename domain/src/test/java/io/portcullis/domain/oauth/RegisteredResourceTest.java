package io.portcullis.domain.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.domain.identity.ScopeSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegisteredResourceTest {
    private static RegisteredResource.Draft draft(String resource, List<String> scopes, Map<String, String> descriptions,
            String format, Long lifetime) {
        return new RegisteredResource.Draft(resource, "Files", scopes, descriptions, format, lifetime);
    }

    @ParameterizedTest
    @CsvSource({
        "http://files.example/mcp, resource",
        "ftp://files.example, resource",
        "not a uri, resource",
    })
    void validateWhenResourceNotHttpsOrLoopbackThenInvalidResource(String resource, String field) {
        var refused = RegisteredResource.validate(draft(resource, List.of("a"), null, null, null));
        assertThat(((OAuthManagementError.Invalid) refused.error()).field()).isEqualTo(field);
    }

    @Test
    void validateWhenLoopbackHttpOrHttpsThenCanonicalWithDefaults() {
        var ok = RegisteredResource.validate(draft("http://127.0.0.1:9000/mcp/", List.of("a", "a", "b"), null, null, null));
        assertThat(ok.value().resource().value()).isEqualTo("http://127.0.0.1:9000/mcp");
        assertThat(ok.value().scopes()).containsExactly("a", "b");
        assertThat(ok.value().format()).isEqualTo(AccessTokenFormat.JWT);
        assertThat(ok.value().lifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(RegisteredResource.validate(draft("https://Files.Example:443", List.of("a"), null, null, null)).value()
                .resource().value()).isEqualTo("https://files.example/");
    }

    @Test
    void validateWhenScopesOrFieldsBreakRulesThenNamesTheField() {
        assertThat(field(draft("https://f.example", List.of(), null, null, null))).isEqualTo("scopes");
        assertThat(field(draft("https://f.example", List.of("all"), null, null, null))).isEqualTo("scopes");
        assertThat(field(draft("https://f.example", List.of("a b"), null, null, null))).isEqualTo("scopes");
        assertThat(field(draft("https://f.example", List.of("a"), Map.of("b", "Bee"), null, null)))
                .isEqualTo("scope_descriptions");
        assertThat(field(draft("https://f.example", List.of("a"), null, "saml", null))).isEqualTo("access_token_format");
        assertThat(field(draft("https://f.example", List.of("a"), null, null, 59L))).isEqualTo("access_token_lifetime_seconds");
        assertThat(field(draft("https://f.example", List.of("a"), null, null, 86401L)))
                .isEqualTo("access_token_lifetime_seconds");
    }

    private static String field(RegisteredResource.Draft d) {
        return ((OAuthManagementError.Invalid) RegisteredResource.validate(d).error()).field();
    }

    private static RegisteredResource files() {
        var s = RegisteredResource.validate(draft("https://f.example", List.of("files:read", "files:write"),
                Map.of("files:read", "Read files"), "opaque", 600L)).value();
        return new RegisteredResource(java.util.UUID.randomUUID(), s.resource(), s.displayName(), s.scopes(),
                s.descriptions(), s.format(), s.lifetime(), java.util.UUID.randomUUID(), java.time.Instant.EPOCH,
                java.time.Instant.EPOCH);
    }

    @Test
    void grantableScopeWhenRequestedWithinResourceAndAllowListThenGranted() {
        RegisteredResource r = files();
        assertThat(r.grantableScope("files:read", Optional.empty()).value().values()).containsExactly("files:read");
        assertThat(r.grantableScope(null, Optional.empty()).value().values()).containsExactly("files:read", "files:write");
        assertThat(r.grantableScope(null, Optional.of(ScopeSet.of(List.of("files:write")))).value().values())
                .containsExactly("files:write");
    }

    @Test
    void grantableScopeWhenOutsideResourceOrAllowListThenInvalidScope() {
        RegisteredResource r = files();
        assertThat(r.grantableScope("files:delete", Optional.empty()).error()).isInstanceOf(OAuthError.InvalidScope.class);
        assertThat(r.grantableScope("all", Optional.empty()).error()).isInstanceOf(OAuthError.InvalidScope.class);
        assertThat(r.grantableScope("files:read", Optional.of(ScopeSet.of(List.of("files:write")))).error())
                .isInstanceOf(OAuthError.InvalidScope.class);
        assertThat(r.grantableScope(null, Optional.of(ScopeSet.of(List.of("user:read")))).error())
                .isInstanceOf(OAuthError.InvalidScope.class);
    }

    @Test
    void mergeWhenFieldsAbsentThenKeptAndDescribeFallsBackToScope() {
        RegisteredResource r = files();
        RegisteredResource.Draft merged = r.merge(new RegisteredResource.Draft(null, "New name", null, null, null, null));
        assertThat(merged.resource()).isEqualTo("https://f.example/");
        assertThat(merged.scopes()).containsExactly("files:read", "files:write");
        assertThat(merged.tokenFormat()).isEqualTo("opaque");
        assertThat(merged.accessTokenLifetimeSeconds()).isEqualTo(600L);
        assertThat(r.describe("files:read")).isEqualTo("Read files");
        assertThat(r.describe("files:write")).isEqualTo("files:write");
    }

    @Test
    void introspectableByWhenAudienceClientOrIssuingClientThenOnlyThose() {
        RegisteredResource r = files();
        java.util.UUID client = java.util.UUID.randomUUID();
        ResourceAccessToken t = new ResourceAccessToken(java.util.UUID.randomUUID(), AccessTokenFormat.JWT, Optional.empty(),
                Optional.empty(), client, Optional.empty(), Optional.empty(), r.resource(), ScopeSet.of(List.of("files:read")),
                java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(60));
        assertThat(t.introspectableBy(client, Optional.empty())).isTrue();
        assertThat(t.introspectableBy(r.introspectionClientId(), Optional.of(r))).isTrue();
        assertThat(t.introspectableBy(java.util.UUID.randomUUID(), Optional.of(r))).isFalse();
        assertThat(t.introspectableBy(r.introspectionClientId(), Optional.empty())).isFalse();
    }
}

package io.portcullis.application.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.McpServerDraft;
import io.portcullis.domain.registry.UpstreamAuthState;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the registry stores must do; run on the in-memory and PostgreSQL adapters. */
public abstract class RegistryRepositoriesContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The stores under test, sharing one database. */
    public record Stores(UserRepository users, McpServerRepository servers, UpstreamTokenRepository tokens,
            UpstreamAuthStateRepository states) {
    }

    protected abstract Stores newStores();

    protected Stores s;
    protected User alice;

    @BeforeEach
    void setUp() {
        s = newStores();
        alice = Fixtures.user("alice", Role.MEMBER, T0);
        s.users().insert(alice);
    }

    public static McpServerConfig server(String slug, String authType) {
        McpServerDraft draft = new McpServerDraft(Optional.of("Server " + slug), Optional.of(slug), Optional.of("d"),
                Optional.empty(), Optional.empty(), Optional.of("https://" + slug + ".example/mcp"), Optional.of(authType),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(authType.equals("api_key") ? "X-Api-Key" : "").filter(x -> !x.isEmpty()),
                Optional.of(authType.equals("api_key") ? "key-value-123" : "").filter(x -> !x.isEmpty()),
                Optional.of(authType.equals("custom_headers") ? Map.of("X-Team", "blue:green\nred") : Map.<String, String>of())
                        .filter(m -> !m.isEmpty()),
                Optional.of(List.of("search")), Optional.empty(), Optional.of("default_on"), Optional.of(true));
        return draft.create(UUID.nameUUIDFromBytes(slug.getBytes()), T0).value();
    }

    @Test
    void serverWhenStoredThenEveryFieldIncludingSecretsSurvives() {
        for (String type : List.of("none", "api_key", "custom_headers")) {
            McpServerConfig c = server("s-" + type.replace('_', '-'), type);
            assertThat(s.servers().insert(c)).isTrue();
            assertThat(s.servers().findById(c.id())).contains(c);
        }
        assertThat(s.servers().list()).hasSize(3);
        assertThat(s.servers().findBySlug("s-api-key").map(McpServerConfig::apiKeyValue)).contains(Optional.of("key-value-123"));
        assertThat(s.servers().findBySlug("nope")).isEmpty();
    }

    @Test
    void slugWhenTakenThenInsertAndUpdateRefusedAndOriginalKept() {
        McpServerConfig a = server("alpha", "none");
        McpServerConfig b = server("beta", "none");
        s.servers().insert(a);
        s.servers().insert(b);
        McpServerConfig clash = new McpServerConfig(UUID.randomUUID(), "x", "alpha", "", "", a.transport(), a.url(), a.authType(),
                "", Optional.empty(), "", "", "", "", Optional.empty(), Map.of(), List.of(), List.of(), a.availability(), true, T0, T0);
        assertThat(s.servers().insert(clash)).isFalse();
        McpServerConfig renamed = new McpServerConfig(b.id(), b.displayName(), "alpha", b.description(), b.iconUrl(), b.transport(),
                b.url(), b.authType(), "", Optional.empty(), "", "", "", "", Optional.empty(), Map.of(), List.of(), List.of(),
                b.availability(), b.enabled(), b.createdAt(), T0.plusSeconds(1));
        assertThat(s.servers().update(renamed)).isFalse();
        assertThat(s.servers().findById(b.id()).orElseThrow().slug()).isEqualTo("beta");
    }

    @Test
    void tokensWhenSavedTwiceThenUpsertAndServerDeleteCascades() {
        McpServerConfig c = server("gamma", "none");
        s.servers().insert(c);
        s.tokens().save(new UpstreamToken(c.id(), alice.id(), "access-1", Optional.of("refresh-1"), "Bearer",
                Optional.of(T0.plusSeconds(3600)), T0));
        s.tokens().save(new UpstreamToken(c.id(), alice.id(), "access-2", Optional.empty(), "Bearer", Optional.empty(), T0));
        UpstreamToken stored = s.tokens().find(c.id(), alice.id()).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo("access-2");
        assertThat(stored.refreshToken()).isEmpty();
        assertThat(s.tokens().listByUser(alice.id())).hasSize(1);
        s.states().insert(new UpstreamAuthState(SecretDigest.of("st"), c.id(), alice.id(), "verifier", T0.plusSeconds(600)));
        assertThat(s.servers().delete(c.id())).isTrue();
        assertThat(s.tokens().find(c.id(), alice.id())).isEmpty();
        assertThat(s.states().take(SecretDigest.of("st"))).isEmpty();
    }

    @Test
    void stateWhenTakenThenOnlyOnce() {
        McpServerConfig c = server("delta", "none");
        s.servers().insert(c);
        UpstreamAuthState state = new UpstreamAuthState(SecretDigest.of("state-1"), c.id(), alice.id(), "v".repeat(64),
                T0.plusSeconds(600));
        s.states().insert(state);
        assertThat(s.states().take(SecretDigest.of("state-1"))).contains(state);
        assertThat(s.states().take(SecretDigest.of("state-1"))).isEmpty();
    }

    @Test
    void deleteExpiredBeforeWhenStatesExpiredAndLiveThenOnlyExpiredGo() {
        McpServerConfig c = server("echo", "none");
        s.servers().insert(c);
        s.states().insert(new UpstreamAuthState(SecretDigest.of("old"), c.id(), alice.id(), "v".repeat(64), T0.minusSeconds(1)));
        s.states().insert(new UpstreamAuthState(SecretDigest.of("live"), c.id(), alice.id(), "v".repeat(64),
                T0.plusSeconds(600)));
        assertThat(s.states().deleteExpiredBefore(T0)).isEqualTo(1);
        assertThat(s.states().take(SecretDigest.of("old"))).isEmpty();
        assertThat(s.states().take(SecretDigest.of("live"))).isPresent();
    }

    @Test
    void clientRulesWhenStoredThenIssuerStateIssuerScopeAndStepUpSurviveAndTheMarkLeavesTokensAlone() {
        McpServerConfig plain = server("epsilon", "oauth2");
        McpServerConfig c = new McpServerConfig(plain.id(), plain.displayName(), plain.slug(), plain.description(),
                plain.iconUrl(), plain.transport(), plain.url(), plain.authType(), "client-e", Optional.of("secret-e"),
                "https://as.example/t/authorize", "https://as.example/t/token", "read", "", Optional.empty(), Map.of(),
                List.of(), List.of(), plain.availability(), true, T0, T0, "https://as.example/t/revoke", "https://as.example/t", true);
        s.servers().insert(c);
        assertThat(s.servers().findById(c.id())).contains(c);
        UpstreamAuthState state = new UpstreamAuthState(SecretDigest.of("state-e"), c.id(), alice.id(), "v".repeat(64),
                T0.plusSeconds(600), "https://as.example/t", true, "read write");
        s.states().insert(state);
        assertThat(s.states().take(SecretDigest.of("state-e"))).contains(state);
        UpstreamToken token = new UpstreamToken(c.id(), alice.id(), "access-e", Optional.of("refresh-e"), "Bearer",
                Optional.of(T0.plusSeconds(3600)), T0, "read write", Optional.empty());
        s.tokens().save(token);
        assertThat(s.tokens().find(c.id(), alice.id())).contains(token);
        s.tokens().markStepUp(c.id(), alice.id(), "admin");
        assertThat(s.tokens().find(c.id(), alice.id())).contains(new UpstreamToken(c.id(), alice.id(), "access-e",
                Optional.of("refresh-e"), "Bearer", Optional.of(T0.plusSeconds(3600)), T0, "read write", Optional.of("admin")));
        s.tokens().markStepUp(c.id(), UUID.randomUUID(), "nobody");
        assertThat(s.tokens().listByUser(alice.id())).hasSize(1);
    }
}

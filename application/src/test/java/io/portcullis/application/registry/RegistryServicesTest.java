package io.portcullis.application.registry;

import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAuditLog;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase.ServerView;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.in.RecordInsufficientScopeUseCase;
import io.portcullis.application.registry.service.DisconnectUpstreamService;
import io.portcullis.application.registry.service.McpServerService;
import io.portcullis.application.registry.service.RecordInsufficientScopeService;
import io.portcullis.application.registry.service.UpstreamConnectService;
import io.portcullis.application.registry.service.UpstreamTokenRefresher;
import io.portcullis.application.registry.service.ViewMcpServersService;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.registry.McpServerDraft;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.RegistryError.UpstreamFailure;
import io.portcullis.domain.shared.Result;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Registry and broker use cases on in-memory stores and a scripted upstream. */
class RegistryServicesTest {
    private final MutableClock clock = MutableClock.startingAt("2026-06-01T00:00:00Z");
    private final SeededRandom random = new SeededRandom(5);
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(auditLog, clock, new SeededRandom(77));
    private final InMemoryRegistryStore store = new InMemoryRegistryStore();
    private final List<String> calls = new ArrayList<>();
    private Result<UpstreamAuthorizationPort.DiscoveredClient, UpstreamFailure> discovery = Result.ok(new UpstreamAuthorizationPort.DiscoveredClient(
            "https://as.example/authorize", "https://as.example/token", "client-1", Optional.empty(), "read write",
            "https://up.example/mcp", "https://as.example/revoke"));
    private Result<UpstreamAuthorizationPort.ResourceDiscovery, UpstreamFailure> resource = Result.err(
            new RegistryError.UpstreamUnreachable("https://up.example/mcp", "not asked in this test"));
    private final UpstreamAuthorizationPort upstream = new UpstreamAuthorizationPort() {
        @Override
        public Result<DiscoveredClient, UpstreamFailure> discoverAndRegister(String serverUrl, String callbackUrl) {
            calls.add("discover " + serverUrl + " " + callbackUrl);
            return discovery;
        }

        @Override
        public Result<ResourceDiscovery, UpstreamFailure> discoverResource(String serverUrl) {
            calls.add("resource " + serverUrl);
            return resource;
        }

        @Override
        public Result<Discovery, UpstreamFailure> discover(String serverUrl) {
            calls.add("discover only " + serverUrl);
            return discovery.map(d -> new Discovery(d.resource(), d.issuer().isEmpty() ? "https://issuer.test" : d.issuer(), d.authorizationUrl(), d.tokenUrl(), "",
                    d.scopes()));
        }

        @Override
        public Result<Tokens, UpstreamFailure> exchangeCode(Endpoint endpoint, String code, String verifier, String redirectUri, String resource) {
            calls.add("exchange " + code + " " + resource);
            return code.equals("good") ? Result.ok(new Tokens("up-access", Optional.of("up-refresh"), "Bearer", Optional.of(3600L)))
                    : Result.err(new RegistryError.UpstreamRejected("token", "invalid_grant"));
        }

        @Override
        public Result<Void, UpstreamFailure> revoke(String url, Endpoint endpoint, String token, String hint) {
            calls.add("revoke " + url + " " + token + " " + hint);
            return Result.ok(null);
        }

        @Override
        public Result<Tokens, UpstreamFailure> refresh(Endpoint endpoint, String refreshToken, String resource) {
            calls.add("refresh " + refreshToken);
            return refreshToken.equals("up-refresh") ? Result.ok(new Tokens("up-access-2", Optional.of("up-refresh-2"), "Bearer",
                    Optional.of(3600L))) : Result.err(refreshToken.equals("revoked-upstream")
                            ? new RegistryError.UpstreamInvalidGrant("invalid_grant") : new RegistryError.UpstreamRejected("token", "HTTP 500"));
        }
    };
    private final UpstreamTokenRefresher refresher = new UpstreamTokenRefresher(store.tokens, upstream, UnitOfWork.NONE, clock, audit);
    private final McpServerService servers = new McpServerService(store.servers, store.tokens, upstream, refresher,
            id -> "https://portcullis.example/cb/" + id, UnitOfWork.NONE, random, clock, audit);
    private final ViewMcpServersService views = new ViewMcpServersService(store.servers, store.tokens, refresher, clock);
    private final UpstreamConnectService connect = new UpstreamConnectService(store.servers, store.states, store.tokens, upstream,
            id -> "https://portcullis.example/cb/" + id, UnitOfWork.NONE, random, clock, audit);
    private final DisconnectUpstreamService disconnects = new DisconnectUpstreamService(store.servers, store.tokens, upstream, audit);
    private final ApiKeyFactory keys = new ApiKeyFactory(random);

    private Principal principal(String name, Role role) {
        User user = Fixtures.user(name, role, clock.instant());
        return new Principal(user, keys.mint(user.id(), LoginType.PASSWORD, clock.instant(), Duration.ofHours(1), null,
                ScopeSet.ALL, AllowList.ANY, Optional.empty()).key());
    }

    private static McpServerDraft oauthDraft(String slug) {
        return new McpServerDraft(Optional.of("Up"), Optional.of(slug), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("https://up.example/mcp"), Optional.of("oauth2"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(true));
    }

    @Test
    void createWhenOauth2WithoutClientThenDiscoveredWithCallbackAndFailureStoresNothing() {
        Principal owner = principal("owner", Role.OWNER);
        ServerView view = servers.create(owner, oauthDraft("up")).value();
        assertThat(view.config().oauth2ClientId()).isEqualTo("client-1");
        assertThat(view.config().oauth2Scopes()).isEqualTo("read write");
        assertThat(calls).containsExactly("discover https://up.example/mcp https://portcullis.example/cb/" + view.config().id());
        discovery = Result.err(new RegistryError.UpstreamRejected("registration", "no registration_endpoint"));
        RegistryError error = servers.create(owner, oauthDraft("up-2")).error();
        assertThat(error.message()).contains("no registration_endpoint");
        assertThat(store.servers.list()).hasSize(1);
    }

    @Test
    void connectWhenCallbackCarriesStateOfAnotherUserThenForbiddenAndStateSpent() {
        Principal owner = principal("owner", Role.OWNER);
        Principal bob = principal("bob", Role.MEMBER);
        String id = servers.create(owner, oauthDraft("up")).value().config().id().toString();
        String url = connect.connect(owner, id).value();
        Map<String, String> q = new java.util.HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(q).containsEntry("resource", "https://up.example/mcp").containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "read write");
        assertThat(connect.callback(bob, id, "good", q.get("state"), null, null).error()).isInstanceOf(RegistryError.Forbidden.class);
        assertThat(connect.callback(owner, id, "good", q.get("state"), null, null).error().message()).contains("already used");
    }

    @Test
    void callbackWhenCodeGoodThenConnectedAndExpiredStateRefused() {
        Principal owner = principal("owner", Role.OWNER);
        String id = servers.create(owner, oauthDraft("up")).value().config().id().toString();
        String state = stateOf(connect.connect(owner, id).value());
        assertThat(connect.callback(owner, id, "good", state, null, null).value()).isEqualTo("Up");
        assertThat(views.get(owner, id).value().authConnected()).isTrue();
        assertThat(calls).contains("exchange good https://up.example/mcp");
        String late = stateOf(connect.connect(owner, id).value());
        clock.advance(Duration.ofMinutes(11));
        assertThat(connect.callback(owner, id, "good", late, null, null).error().message()).contains("10 minutes");
        assertThat(disconnects.disconnect(owner, id).isOk()).isTrue();
        assertThat(views.get(owner, id).value().authConnected()).isFalse();
        assertThat(calls).contains("revoke https://as.example/revoke up-refresh refresh_token",
                "revoke https://as.example/revoke up-access access_token");
        assertThat(disconnects.disconnect(owner, id).error()).isInstanceOf(RegistryError.NotFound.class);
    }

    @Test
    void revocationOfAllWhenUserConnectedThenTheirTokensRevokedOnlyWhenRunAndOthersKept() {
        Principal owner = principal("owner", Role.OWNER);
        Principal bob = principal("bob", Role.MEMBER);
        String id = servers.create(owner, oauthDraft("up")).value().config().id().toString();
        connect.callback(bob, id, "good", stateOf(connect.connect(bob, id).value()), null, null).value();
        Runnable ownersRevocation = disconnects.revocationOfAll(owner.user().id());
        Runnable bobsRevocation = disconnects.revocationOfAll(bob.user().id());
        ownersRevocation.run();
        assertThat(calls).noneMatch(c -> c.startsWith("revoke"));

        store.tokens.delete(java.util.UUID.fromString(id), bob.user().id()); // as the user's deletion cascades
        bobsRevocation.run();

        assertThat(calls).filteredOn(c -> c.startsWith("revoke")).containsExactly(
                "revoke https://as.example/revoke up-refresh refresh_token", "revoke https://as.example/revoke up-access access_token");
    }

    private static String stateOf(String url) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return pair.substring(6);
            }
        }
        throw new AssertionError("no state in " + url);
    }

    @Test
    void headersWhenTokenNearExpiryThenRefreshedOnceRotatedAndUsed() {
        Principal owner = principal("owner", Role.OWNER);
        String id = servers.create(owner, oauthDraft("up")).value().config().id().toString();
        connect.callback(owner, id, "good", stateOf(connect.connect(owner, id).value()), null, null).value();
        io.portcullis.application.registry.service.UpstreamCredentialsService credentials =
                new io.portcullis.application.registry.service.UpstreamCredentialsService(store.servers, refresher);
        assertThat(credentials.headersFor(owner, id).value()).containsEntry("Authorization", "Bearer up-access");
        clock.advance(Duration.ofSeconds(3600 - 59));
        assertThat(credentials.headersFor(owner, id).value()).containsEntry("Authorization", "Bearer up-access-2");
        assertThat(credentials.headersFor(owner, id).value()).containsEntry("Authorization", "Bearer up-access-2");
        assertThat(calls.stream().filter(c -> c.startsWith("refresh"))).containsExactly("refresh up-refresh");
        assertThat(store.tokens.find(java.util.UUID.fromString(id), owner.user().id()).orElseThrow().refreshToken())
                .contains("up-refresh-2");
        clock.advance(Duration.ofHours(2));
        // the rotated refresh token is refused upstream: the expired token is no longer usable
        assertThat(credentials.headersFor(owner, id).error()).isInstanceOf(RegistryError.NotConnected.class);
        assertThat(views.get(owner, id).value().authConnected()).isFalse();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return q;
    }

    private String discoveredAt(Principal owner, String issuer, boolean issSupported) {
        discovery = Result.ok(new UpstreamAuthorizationPort.DiscoveredClient(issuer + "/authorize", issuer + "/token",
                "client-of-" + issuer, Optional.empty(), "read", "https://up.example/mcp", "", issuer, issSupported));
        return servers.create(owner, oauthDraft("up")).value().config().id().toString();
    }

    private static UpstreamAuthorizationPort.ResourceDiscovery names(String issuer, String challenge, String supported) {
        return new UpstreamAuthorizationPort.ResourceDiscovery(issuer, Optional.ofNullable(challenge), Optional.ofNullable(supported));
    }

    @Test
    void callbackWhenIssDiffersFromTheRecordedIssuerThenRefusedBeforeErrorOrCodeAndNothingStored() {
        Principal owner = principal("owner", Role.OWNER);
        String id = discoveredAt(owner, "https://as.example", false);
        String state = stateOf(connect.connect(owner, id).value());

        RegistryError refused = connect.callback(owner, id, null, state, "access_denied: <b>phish</b>", "https://evil.example").error();

        assertThat(refused).isInstanceOf(RegistryError.Invalid.class);
        assertThat(refused.message()).contains("https://evil.example").contains("https://as.example").doesNotContain("phish");
        String again = stateOf(connect.connect(owner, id).value());
        assertThat(connect.callback(owner, id, "good", again, null, "https://as.example/").error().message())
                .as("no normalisation: a trailing slash is another issuer").contains("mix-up");
        assertThat(calls).noneMatch(c -> c.startsWith("exchange"));
        assertThat(store.tokens.find(java.util.UUID.fromString(id), owner.user().id())).isEmpty();
        String third = stateOf(connect.connect(owner, id).value());
        assertThat(connect.callback(owner, id, "good", third, null, "https://as.example").isOk()).isTrue();
    }

    @Test
    void callbackWhenMetadataPromisesIssAndItIsAbsentThenRefused() {
        Principal owner = principal("owner", Role.OWNER);
        String id = discoveredAt(owner, "https://as.example", true);
        String state = stateOf(connect.connect(owner, id).value());

        assertThat(connect.callback(owner, id, "good", state, null, null).error().message()).contains("promised an iss");
        assertThat(store.tokens.find(java.util.UUID.fromString(id), owner.user().id())).isEmpty();
        String again = stateOf(connect.connect(owner, id).value());
        assertThat(connect.callback(owner, id, "good", again, null, "https://as.example").isOk()).isTrue();
    }

    @Test
    void connectWhenUpstreamNowNamesAnotherIssuerThenRegistersAnewAndForgetsTheOldIssuersTokens() {
        Principal owner = principal("owner", Role.OWNER);
        Principal bob = principal("bob", Role.MEMBER);
        String id = discoveredAt(owner, "https://as-a.example", false);
        resource = Result.ok(names("https://as-a.example", null, null));
        connect.callback(bob, id, "good", stateOf(connect.connect(bob, id).value()), null, null).value();
        assertThat(calls.stream().filter(c -> c.startsWith("discover"))).hasSize(1);

        discovery = Result.ok(new UpstreamAuthorizationPort.DiscoveredClient("https://as-b.example/authorize",
                "https://as-b.example/token", "client-of-b", Optional.empty(), "read", "https://up.example/mcp", "",
                "https://as-b.example", true));
        resource = Result.ok(names("https://as-b.example", null, null));
        String url = connect.connect(owner, id).value();

        assertThat(url).startsWith("https://as-b.example/authorize?").contains("client_id=client-of-b");
        assertThat(calls.stream().filter(c -> c.startsWith("discover"))).hasSize(2);
        assertThat(store.servers.findById(java.util.UUID.fromString(id)).orElseThrow().oauth2Issuer()).isEqualTo("https://as-b.example");
        assertThat(store.tokens.find(java.util.UUID.fromString(id), bob.user().id()))
                .as("tokens of the old issuer cannot be refreshed with the new registration").isEmpty();
        assertThat(connect.callback(owner, id, "good", stateOf(url), null, "https://as-a.example").error().message())
                .as("the new state records the new issuer").contains("mix-up");
    }

    @Test
    void connectWhenHandConfiguredAndUpstreamNamesAnIssuerThenNoReRegistration() {
        Principal owner = principal("owner", Role.OWNER);
        String id = servers.create(owner, oauthDraft("up")).value().config().id().toString(); // issuer unknown
        resource = Result.ok(names("https://elsewhere.example", null, null));
        assertThat(connect.connect(owner, id).value()).startsWith("https://as.example/authorize?");
        assertThat(calls.stream().filter(c -> c.startsWith("discover"))).hasSize(1);
    }

    @Test
    void connectScopeWhenChallengeThenPrmThenConfiguredAndStepUpAsksForTheUnion() {
        Principal owner = principal("owner", Role.OWNER);
        String id = discoveredAt(owner, "https://as.example", false);
        resource = Result.ok(names("https://as.example", "files:read", "a b"));
        assertThat(query(connect.connect(owner, id).value())).containsEntry("scope", "files:read");
        resource = Result.ok(names("https://as.example", null, "a b"));
        assertThat(query(connect.connect(owner, id).value())).containsEntry("scope", "a b");
        resource = Result.ok(names("https://as.example", null, null));
        assertThat(query(connect.connect(owner, id).value())).containsEntry("scope", "read");
        resource = Result.err(new RegistryError.UpstreamUnreachable("https://up.example/mcp", "down"));
        assertThat(query(connect.connect(owner, id).value())).as("upstream unreachable: configured scopes").containsEntry("scope", "read");

        resource = Result.ok(names("https://as.example", "files:read", null));
        connect.callback(owner, id, "good", stateOf(connect.connect(owner, id).value()), null, null).value();
        RecordInsufficientScopeService challenges = new RecordInsufficientScopeService(store.servers, store.tokens);
        RecordInsufficientScopeUseCase.StepUp stepUp = challenges.needsMoreScope(owner, "up", "files:write").orElseThrow();
        assertThat(stepUp.serverId()).isEqualTo(id);
        assertThat(stepUp.refusal().message()).contains("needs more scope").contains("files:write");
        challenges.needsMoreScope(owner, "up", "admin");
        assertThat(store.tokens.find(java.util.UUID.fromString(id), owner.user().id()).orElseThrow().accessToken())
                .as("the mark leaves the tokens alone").isEqualTo("up-access");

        assertThat(query(connect.connect(owner, id).value())).containsEntry("scope", "files:read files:write admin");
        assertThat(challenges.needsMoreScope(principal("carol", Role.MEMBER), "up", "x")).as("carol holds no connection").isEmpty();
    }

    @Test
    void headersWhenRefreshAnsweredInvalidGrantThenUserDisconnectedEvenWhileTheTokenStillWorks() {
        Principal owner = principal("owner", Role.OWNER);
        String id = servers.create(owner, oauthDraft("up")).value().config().id().toString();
        connect.callback(owner, id, "good", stateOf(connect.connect(owner, id).value()), null, null).value();
        java.util.UUID server = java.util.UUID.fromString(id);
        store.tokens.save(new io.portcullis.domain.registry.UpstreamToken(server, owner.user().id(), "up-access",
                Optional.of("revoked-upstream"), "Bearer", Optional.of(clock.instant().plusSeconds(30)), clock.instant()));
        io.portcullis.application.registry.service.UpstreamCredentialsService credentials =
                new io.portcullis.application.registry.service.UpstreamCredentialsService(store.servers, refresher);

        RegistryError error = credentials.headersFor(owner, id).error();

        assertThat(error).isInstanceOf(RegistryError.NotConnected.class);
        assertThat(error.message()).contains("invalid_grant").contains("connect again");
        assertThat(store.tokens.find(server, owner.user().id())).isEmpty();
        assertThat(views.get(owner, id).value().authConnected()).isFalse();
    }

    /** A refresh no request asked for (background) records its failure without a client address. */
    @Test
    void refreshWhenFailedWithoutARequestThenAuditedWithoutAddress() {
        Principal owner = principal("owner", Role.OWNER).from(new io.portcullis.domain.shared.ClientAddress("192.0.2.78"));
        String id = servers.create(owner, oauthDraft("up")).value().config().id().toString();
        connect.callback(owner, id, "good", stateOf(connect.connect(owner, id).value()), null, null).value();
        java.util.UUID server = java.util.UUID.fromString(id);
        store.tokens.save(new io.portcullis.domain.registry.UpstreamToken(server, owner.user().id(), "up-access",
                Optional.of("revoked-upstream"), "Bearer", Optional.of(clock.instant().plusSeconds(30)), clock.instant()));
        refresher.current(store.servers.findById(server).orElseThrow(), owner.user().id());
        var failed = auditLog.of(io.portcullis.domain.audit.AuditAction.MCP_SERVER_REFRESH_FAILED);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).event().actor().address()).isEmpty();
        assertThat(failed.get(0).event().actor().userId()).contains(owner.user().id());
    }

    @Test
    void registryActionsWhenDoneThenAuditedWithActorTargetAndAddressButNoToken() {
        io.portcullis.domain.shared.ClientAddress from = new io.portcullis.domain.shared.ClientAddress("192.0.2.77");
        Principal owner = principal("owner", Role.OWNER).from(from);
        String id = servers.create(owner, oauthDraft("up")).value().config().id().toString();
        servers.update(owner, id, oauthDraft("up-renamed")).value();
        connect.callback(owner, id, "bad", stateOf(connect.connect(owner, id).value()), null, null);
        connect.callback(owner, id, "good", stateOf(connect.connect(owner, id).value()), null, null).value();
        var credentials = new io.portcullis.application.registry.service.UpstreamCredentialsService(store.servers, refresher);
        clock.advance(Duration.ofSeconds(3600 - 59));
        credentials.headersFor(owner, id).value();
        clock.advance(Duration.ofHours(2));
        credentials.headersFor(owner, id);
        connect.callback(owner, id, "good", stateOf(connect.connect(owner, id).value()), null, null).value();
        disconnects.disconnect(owner, id).value();
        servers.delete(owner, id).value();
        java.util.function.Function<io.portcullis.domain.audit.AuditAction, List<String>> outcomes = action -> auditLog.of(action)
                .stream().map(e -> e.event().outcome().wire()).toList();
        assertThat(outcomes.apply(io.portcullis.domain.audit.AuditAction.MCP_SERVER_CREATE)).containsExactly("success");
        assertThat(outcomes.apply(io.portcullis.domain.audit.AuditAction.MCP_SERVER_UPDATE)).containsExactly("success");
        assertThat(outcomes.apply(io.portcullis.domain.audit.AuditAction.MCP_SERVER_CONNECT))
                .containsExactly("failure", "success", "success");
        assertThat(outcomes.apply(io.portcullis.domain.audit.AuditAction.MCP_SERVER_REFRESH_FAILED)).containsExactly("failure");
        assertThat(outcomes.apply(io.portcullis.domain.audit.AuditAction.MCP_SERVER_DISCONNECT)).containsExactly("success");
        assertThat(outcomes.apply(io.portcullis.domain.audit.AuditAction.MCP_SERVER_DELETE)).containsExactly("success");
        for (var entry : auditLog.all()) {
            assertThat(entry.event().targetType()).contains("mcp_server");
            assertThat(entry.event().targetId()).contains(id);
            assertThat(entry.event().actor().userId()).contains(owner.user().id());
            // refresh_failed too: the refresh ran for this user's request, so it carries that request's address
            assertThat(entry.event().actor().address()).as(entry.event().action().wire()).contains(from);
            assertThat(entry.toString()).doesNotContain("up-access").doesNotContain("up-refresh").doesNotContain("good");
        }
    }
}

package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.service.RequestAuthenticationService;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizationRequest;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizeRefusal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.ValidatedAuthorization;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.application.oauth.port.in.IssueTokensUseCase.ExchangeCodeCommand;
import io.portcullis.application.oauth.port.in.IssueTokensUseCase.RefreshCommand;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.service.AuthorizationService;
import io.portcullis.application.oauth.service.ClientService;
import io.portcullis.application.oauth.service.GrantService;
import io.portcullis.application.oauth.service.TokenService;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthErrorCode;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.application.oauth.service.ClientDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorization server's use cases on in-memory adapters. */
class OAuthServicesTest {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final ResourceUri SERVER = ResourceUri.parse("https://auth.example");
    private final MutableClock clock = MutableClock.startingAt("2026-05-01T12:00:00Z");
    private final SeededRandom random = new SeededRandom(11);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
    private final InMemoryOAuthStore store = new InMemoryOAuthStore(keys);
    private final OAuthPolicy policy = new OAuthPolicy("https://auth.example", SERVER, Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofDays(30), true);
    private final ClientService clients = new ClientService(store.clients, store.secrets, UnitOfWork.NONE, random, clock);
    private final Map<String, Result<ClientMetadataDocumentPort.Document, ClientMetadataDocumentPort.FetchFailure>> documents = new HashMap<>();
    private final List<String> fetches = new ArrayList<>();
    private final ClientDirectory directory = new ClientDirectory(store.clients, url -> {
        fetches.add(url);
        return documents.getOrDefault(url, Result.err(new ClientMetadataDocumentPort.Unfit("404 from the document host")));
    }, false, clock);
    /** This test server's protected resources: the root and its /mcp subtree. */
    private final io.portcullis.application.oauth.port.out.ProtectedResourcesPort resources =
            r -> r.equals(SERVER) || r.value().equals("https://auth.example/mcp");
    private final AuthorizationService authorize = new AuthorizationService(directory, store.codes, policy, resources, random,
            clock);
    private final TokenService tokens = new TokenService(directory, store.secrets, store.codes, store.grants,
            store.refreshTokens, keys, new ApiKeyFactory(random), policy, resources, UnitOfWork.NONE, random, clock);
    private final GrantService grants = new GrantService(store.grants, store.clients);
    private final RequestAuthenticationService authentication = new RequestAuthenticationService(keys, users,
            IdentityPolicy.defaults(), clock);
    private User alice;
    private RegisteredClient confidential;
    private RegisteredClient publicClient;

    @BeforeEach
    void setUp() {
        alice = Fixtures.user("alice", Role.MEMBER, clock.instant());
        users.insert(alice);
        confidential = clients.register(raw(List.of("https://app.example/cb"), "client_secret_basic", null)).value();
        publicClient = clients.register(raw(List.of("http://127.0.0.1:3000/callback"), "none", null)).value();
    }

    private static ClientMetadata.Raw raw(List<String> redirects, String method, String scope) {
        return new ClientMetadata.Raw("Demo app", redirects, method, null, null, scope, null, null, null, null, null, null,
                null, null);
    }

    private static AuthorizationRequest request(OAuthClient client, String redirect, String scope, String resource) {
        return new AuthorizationRequest("code", client.id().toString(), redirect, scope, "st4te", resource,
                PkceChallenge.s256Of(VERIFIER).value(), "S256", Optional.empty());
    }

    private String codeFor(RegisteredClient c, String redirect, String scope, String resource) {
        ValidatedAuthorization v = authorize.validate(request(c.client(), redirect, scope, resource)).value();
        return authorize.approve(v, alice.id());
    }

    private OAuthClient auth(RegisteredClient c) {
        return tokens.authenticateClient(new ClientCredentials(c.client().id().toString(), c.clientSecret().orElse(null), true))
                .value();
    }

    @Test
    void registerWhenConfidentialThenSecretAndTokenElsePublicWithoutSecret() {
        assertThat(confidential.clientSecret()).get().asString().matches("^pcs_[0-9A-Za-z]{10}_[0-9A-Za-z]{40}$");
        assertThat(confidential.registrationAccessToken()).isPresent();
        assertThat(publicClient.clientSecret()).isEmpty();
        assertThat(clients.register(raw(List.of("http://evil.example/cb"), "none", null)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_REDIRECT_URI);
        assertThat(clients.register(raw(List.of("https://a.example/cb"), "private_key_jwt", null)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT_METADATA);
    }

    @Test
    void registrationManagementWhenTokenRightThenReadUpdateDeleteElseInvalidToken() {
        String id = confidential.client().id().toString();
        String token = confidential.registrationAccessToken().orElseThrow();
        assertThat(clients.read(id, token).isOk()).isTrue();
        assertThat(clients.read(id, publicClient.registrationAccessToken().orElseThrow()).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_TOKEN);
        assertThat(clients.update(id, token, raw(List.of("https://app.example/other"), "client_secret_basic", null)).value()
                .metadata().redirectUris()).extracting(r -> r.value()).containsExactly("https://app.example/other");
        assertThat(clients.update(id, token, raw(List.of("https://app.example/other"), "none", null)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT_METADATA);
        assertThat(clients.delete(id, token).isOk()).isTrue();
        assertThat(clients.read(id, token).isOk()).isFalse();
    }

    @Test
    void authorizeWhenClientOrRedirectUntrustedThenNeverRedirect() {
        AuthorizationRequest unknown = new AuthorizationRequest("code", "8d3c1ef0-0000-4000-8000-000000000000",
                "https://app.example/cb", null, "s", null, PkceChallenge.s256Of(VERIFIER).value(), null, Optional.empty());
        assertThat(authorize.validate(unknown).error()).isInstanceOf(AuthorizeRefusal.Untrusted.class);
        assertThat(authorize.validate(request(confidential.client(), "https://app.example/cb/extra", null, null)).error())
                .isInstanceOf(AuthorizeRefusal.Untrusted.class);
        assertThat(authorize.validate(request(confidential.client(), "https://app.example/CB", null, null)).error())
                .isInstanceOf(AuthorizeRefusal.Untrusted.class);
    }

    @Test
    void authorizeWhenTrustedButInvalidThenErrorGoesToClientWithState() {
        AuthorizationRequest plain = new AuthorizationRequest("code", confidential.client().id().toString(), null, null, "s1",
                null, PkceChallenge.s256Of(VERIFIER).value(), "plain", Optional.empty());
        AuthorizeRefusal.ToClient refusal = (AuthorizeRefusal.ToClient) authorize.validate(plain).error();
        assertThat(refusal.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(refusal.state()).isEqualTo("s1");
        assertThat(refusal.error().code()).isEqualTo(OAuthErrorCode.INVALID_REQUEST);
        AuthorizationRequest noPkce = new AuthorizationRequest("code", confidential.client().id().toString(), null, null, "s2",
                null, null, null, Optional.empty());
        assertThat(((AuthorizeRefusal.ToClient) authorize.validate(noPkce).error()).error().description()).contains("code_challenge");
        AuthorizationRequest token = new AuthorizationRequest("token", confidential.client().id().toString(), null, null, "s3",
                null, PkceChallenge.s256Of(VERIFIER).value(), null, Optional.empty());
        assertThat(((AuthorizeRefusal.ToClient) authorize.validate(token).error()).error().code())
                .isEqualTo(OAuthErrorCode.UNSUPPORTED_RESPONSE_TYPE);
        assertThat(((AuthorizeRefusal.ToClient) authorize.validate(request(confidential.client(), null, null,
                "https://elsewhere.example/mcp")).error()).error().code()).isEqualTo(OAuthErrorCode.INVALID_TARGET);
        assertThat(((AuthorizeRefusal.ToClient) authorize.validate(request(confidential.client(), null, "user:fly", null))
                .error()).error().code()).isEqualTo(OAuthErrorCode.INVALID_SCOPE);
    }

    @Test
    void authorizeWhenLoopbackRedirectOnAnotherPortThenAccepted() {
        ValidatedAuthorization v = authorize.validate(request(publicClient.client(), "http://127.0.0.1:49152/callback", null,
                null)).value();
        assertThat(v.redirectUri()).isEqualTo("http://127.0.0.1:49152/callback");
        assertThat(authorize.validate(request(publicClient.client(), "http://127.0.0.1:49152/other", null, null)).isOk()).isFalse();
    }

    @Test
    void exchangeWhenEverythingMatchesThenAudienceBoundTokenThatWorksOnlyThere() {
        String code = codeFor(publicClient, "http://127.0.0.1:3000/callback", "user:read", "https://auth.example/mcp");
        TokenResponse response = tokens.exchangeCode(auth(publicClient), new ExchangeCodeCommand(code, VERIFIER,
                "http://127.0.0.1:3000/callback", "https://auth.example/mcp")).value();
        assertThat(response.expiresIn()).isEqualTo(3600);
        assertThat(response.scope()).isEqualTo("user:read");
        assertThat(response.refreshToken()).startsWith("pcs_");
        Result<Principal, AuthenticationFailure> atMcp = authentication.authenticate(response.accessToken(),
                ResourceUri.parse("https://auth.example/mcp/tools"));
        assertThat(atMcp.isOk()).isTrue();
        assertThat(atMcp.value().key().scopes().values()).containsExactly("user:read");
        assertThat(authentication.authenticate(response.accessToken(), SERVER).error())
                .isEqualTo(new AuthenticationFailure.InvalidToken("the access token's audience does not include this resource"));
    }

    @Test
    void exchangeWhenVerifierMismatchThenInvalidGrant() {
        String code = codeFor(publicClient, null, null, null);
        OAuthError error = tokens.exchangeCode(auth(publicClient), new ExchangeCodeCommand(code, "w".repeat(43), null, null)).error();
        assertThat(error).isEqualTo(OAuthError.invalidGrant("code_verifier does not match the code_challenge"));
    }

    @Test
    void exchangeWhenCodeReplayedThenRefusedAndFirstTokensRevoked() {
        String code = codeFor(publicClient, null, null, null);
        OAuthClient client = auth(publicClient);
        TokenResponse first = tokens.exchangeCode(client, new ExchangeCodeCommand(code, VERIFIER, null, null)).value();
        assertThat(authentication.authenticate(first.accessToken(), SERVER).isOk()).isTrue();
        OAuthError replay = tokens.exchangeCode(client, new ExchangeCodeCommand(code, VERIFIER, null, null)).error();
        assertThat(replay.code()).isEqualTo(OAuthErrorCode.INVALID_GRANT);
        assertThat(authentication.authenticate(first.accessToken(), SERVER).isOk()).isFalse();
        assertThat(tokens.refresh(client, new RefreshCommand(first.refreshToken(), null, null)).isOk()).isFalse();
    }

    @Test
    void exchangeWhenOtherClientRedirectOrResourceDiffersThenRefused() {
        String code = codeFor(confidential, "https://app.example/cb", null, "https://auth.example/mcp");
        assertThat(tokens.exchangeCode(auth(publicClient), new ExchangeCodeCommand(code, VERIFIER, "https://app.example/cb",
                "https://auth.example/mcp")).error().description()).contains("another client");
        OAuthClient owner = auth(confidential);
        assertThat(tokens.exchangeCode(owner, new ExchangeCodeCommand(code, VERIFIER, "https://app.example/other",
                "https://auth.example/mcp")).error().code()).isEqualTo(OAuthErrorCode.INVALID_GRANT);
        assertThat(tokens.exchangeCode(owner, new ExchangeCodeCommand(code, VERIFIER, "https://app.example/cb",
                "https://auth.example/other")).error().code()).isEqualTo(OAuthErrorCode.INVALID_TARGET);
        // none of the refusals burned the code
        assertThat(tokens.exchangeCode(owner, new ExchangeCodeCommand(code, VERIFIER, "https://app.example/cb",
                "HTTPS://AUTH.example:443/mcp/")).isOk()).isTrue();
    }

    @Test
    void exchangeWhenCodeExpiredThenInvalidGrant() {
        String code = codeFor(publicClient, null, null, null);
        clock.advance(Duration.ofMinutes(10));
        assertThat(tokens.exchangeCode(auth(publicClient), new ExchangeCodeCommand(code, VERIFIER, null, null)).error()
                .description()).contains("expired");
    }

    @Test
    void authenticateClientWhenSecretWrongMissingOrPublicWithSecretThenInvalidClient() {
        String id = confidential.client().id().toString();
        assertThat(tokens.authenticateClient(new ClientCredentials(id, null, false)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        String wrong = "pcs_" + confidential.clientSecret().get().substring(4, 14) + "_" + "x".repeat(40);
        assertThat(tokens.authenticateClient(new ClientCredentials(id, wrong, true)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        assertThat(tokens.authenticateClient(new ClientCredentials(publicClient.client().id().toString(),
                confidential.clientSecret().get(), false)).error().code()).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
        assertThat(tokens.authenticateClient(new ClientCredentials("not-a-uuid", null, false)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_CLIENT);
    }

    @Test
    void refreshWhenRotatedTokenReusedThenWholeGrantRevoked() {
        OAuthClient client = auth(confidential);
        TokenResponse first = tokens.exchangeCode(client, new ExchangeCodeCommand(codeFor(confidential, null, null, null),
                VERIFIER, null, null)).value();
        TokenResponse second = tokens.refresh(client, new RefreshCommand(first.refreshToken(), null, null)).value();
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(authentication.authenticate(second.accessToken(), SERVER).isOk()).isTrue();
        OAuthError reuse = tokens.refresh(client, new RefreshCommand(first.refreshToken(), null, null)).error();
        assertThat(reuse.description()).contains("whole grant has been revoked");
        assertThat(authentication.authenticate(second.accessToken(), SERVER).isOk()).isFalse();
        assertThat(tokens.refresh(client, new RefreshCommand(second.refreshToken(), null, null)).isOk()).isFalse();
    }

    @Test
    void refreshWhenAnotherClientPresentsTokenThenRefusedAndGrantUntouched() {
        TokenResponse first = tokens.exchangeCode(auth(confidential), new ExchangeCodeCommand(
                codeFor(confidential, null, null, null), VERIFIER, null, null)).value();
        assertThat(tokens.refresh(auth(publicClient), new RefreshCommand(first.refreshToken(), null, null)).error().description())
                .contains("another client");
        tokens.revoke(auth(publicClient), first.refreshToken(), "refresh_token");
        assertThat(tokens.refresh(auth(confidential), new RefreshCommand(first.refreshToken(), null, null)).isOk()).isTrue();
    }

    @Test
    void refreshWhenScopeOrResourceNarrowedThenAllowedAndWidenedThenRefused() {
        OAuthClient client = auth(confidential);
        TokenResponse first = tokens.exchangeCode(client, new ExchangeCodeCommand(codeFor(confidential, null,
                "user:read api_key:read", null), VERIFIER, null, null)).value();
        assertThat(tokens.refresh(client, new RefreshCommand(first.refreshToken(), "user:read api_key:create", null)).error().code())
                .isEqualTo(OAuthErrorCode.INVALID_SCOPE);
        TokenResponse narrowed = tokens.refresh(client, new RefreshCommand(first.refreshToken(), "user:read",
                "https://auth.example/mcp")).value();
        assertThat(narrowed.scope()).isEqualTo("user:read");
        assertThat(authentication.authenticate(narrowed.accessToken(), ResourceUri.parse("https://auth.example/mcp")).isOk()).isTrue();
        assertThat(authentication.authenticate(narrowed.accessToken(), SERVER).isOk()).isFalse();
    }

    @Test
    void revokeWhenRefreshTokenThenGrantEndsAndWhenAccessTokenThenOnlyItEnds() {
        OAuthClient client = auth(confidential);
        TokenResponse a = tokens.exchangeCode(client, new ExchangeCodeCommand(codeFor(confidential, null, null, null), VERIFIER,
                null, null)).value();
        tokens.revoke(client, a.accessToken(), "refresh_token");
        assertThat(authentication.authenticate(a.accessToken(), SERVER).isOk()).isFalse();
        TokenResponse b = tokens.refresh(client, new RefreshCommand(a.refreshToken(), null, null)).value();
        tokens.revoke(client, b.refreshToken(), null);
        assertThat(authentication.authenticate(b.accessToken(), SERVER).isOk()).isFalse();
        tokens.revoke(client, "garbage", null);
        tokens.revoke(client, null, null);
    }

    @Test
    void grantsWhenListedAndRevokedThenTokensStop() {
        TokenResponse t = tokens.exchangeCode(auth(publicClient), new ExchangeCodeCommand(codeFor(publicClient, null, null, null),
                VERIFIER, null, null)).value();
        tokens.exchangeCode(auth(publicClient), new ExchangeCodeCommand(codeFor(publicClient, null, "user:read", null),
                VERIFIER, null, null)).value();
        Principal principal = authentication.authenticate(t.accessToken(), SERVER).value();
        assertThat(grants.list(principal)).singleElement().satisfies(g -> assertThat(g.grants()).isEqualTo(2));
        assertThat(grants.revoke(principal, publicClient.client().id().toString()).isOk()).isTrue();
        assertThat(authentication.authenticate(t.accessToken(), SERVER).isOk()).isFalse();
        assertThat(grants.revoke(principal, publicClient.client().id().toString()).isOk()).isFalse();
    }

    private static final String DOC = "https://agent.example/oauth/client.json";

    private static ClientMetadataDocumentPort.Document document(String clientId, String method, boolean secret) {
        return new ClientMetadataDocumentPort.Document(clientId, new ClientMetadata.Raw("Doc Agent",
                List.of("http://127.0.0.1:4000/cb"), method, null, null, null, null, null, null, null, null, null, null, null), secret);
    }

    private AuthorizationRequest documentRequest(String clientId) {
        return new AuthorizationRequest("code", clientId, "http://127.0.0.1:4555/cb", null, "s", null,
                PkceChallenge.s256Of(VERIFIER).value(), "S256", Optional.empty());
    }

    @Test
    void authorizeWhenClientIdIsMetadataDocumentUrlThenFetchedCachedAndUsableAtTokenEndpoint() {
        documents.put(DOC, Result.ok(document(DOC, null, false)));
        ValidatedAuthorization v = authorize.validate(documentRequest(DOC)).value();
        assertThat(v.client().clientId()).isEqualTo(DOC);
        assertThat(v.client().clientType()).isEqualTo(io.portcullis.domain.oauth.ClientType.PUBLIC);
        authorize.validate(documentRequest(DOC)).value();
        assertThat(fetches).hasSize(1);
        String code = authorize.approve(v, alice.id());
        OAuthClient client = tokens.authenticateClient(new ClientCredentials(DOC, null, false)).value();
        assertThat(tokens.exchangeCode(client, new ExchangeCodeCommand(code, VERIFIER, "http://127.0.0.1:4555/cb", null)).isOk())
                .isTrue();
        clock.advance(Duration.ofMinutes(6));
        authorize.validate(documentRequest(DOC)).value();
        assertThat(fetches).hasSize(2);
    }

    @Test
    void authorizeWhenMetadataDocumentWrongThenUntrustedNeverRedirect() {
        documents.put(DOC, Result.ok(document("https://other.example/client.json", null, false)));
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest(DOC)).error()).message())
                .contains("different client_id");
        documents.put(DOC, Result.ok(document(DOC, "client_secret_basic", false)));
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest(DOC)).error()).message()).contains("public");
        documents.put(DOC, Result.ok(document(DOC, null, true)));
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest(DOC)).error()).message()).contains("secret");
        documents.remove(DOC);
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest(DOC)).error()).message()).contains("404");
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest("http://agent.example/c.json")).error())
                .message()).contains("https");
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest("https://agent.example/")).error())
                .message()).contains("path");
        assertThat(fetches).hasSize(4);
    }
}

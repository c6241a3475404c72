package io.portcullis.application.oauth;

import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAuditLog;
import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;
import io.portcullis.application.identity.service.CredentialCache;
import io.portcullis.application.identity.service.OAuthAccessTokenService;
import io.portcullis.application.identity.service.RequestAuthenticationService;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizationRequest;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.ValidatedAuthorization;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.application.oauth.service.AuthenticateClientService;
import io.portcullis.application.oauth.service.AuthorizationService;
import io.portcullis.application.oauth.service.ClientDirectory;
import io.portcullis.application.oauth.service.ClientSecretIssuer;
import io.portcullis.application.oauth.service.ExchangeAuthorizationCodeService;
import io.portcullis.application.oauth.service.ManageGrantsService;
import io.portcullis.application.oauth.service.RefreshAccessTokenService;
import io.portcullis.application.oauth.service.RegisterClientService;
import io.portcullis.application.oauth.service.RevokeTokenService;
import io.portcullis.application.oauth.service.TokenIssuer;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** The authorization server's services on in-memory adapters, a test clock and seeded randomness: two clients and a user. */
abstract class OAuthServiceTestBase {
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final ResourceUri SERVER = ResourceUri.parse("https://auth.example");
    final MutableClock clock = MutableClock.startingAt("2026-05-01T12:00:00Z");
    final SeededRandom random = new SeededRandom(11);
    final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    final AuditTrail audit = new AuditTrail(auditLog, clock, new SeededRandom(77));
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
    final InMemoryOAuthStore store = new InMemoryOAuthStore(keys);
    final OAuthPolicy policy = new OAuthPolicy("https://auth.example", SERVER, Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofDays(30), true);
    /** Trusted from the start, as if the store's change reports were being received. */
    final CredentialCache credentials = listening(new CredentialCache(100));
    final RegisterClientService clients = new RegisterClientService(store.clients,
            new ClientSecretIssuer(store.secrets, random, clock), UnitOfWork.NONE, random, clock, credentials, audit);
    final Map<String, Result<ClientMetadataDocumentPort.Document, ClientMetadataDocumentPort.FetchFailure>> documents = new HashMap<>();
    final List<String> fetches = new ArrayList<>();
    final ClientDirectory directory = new ClientDirectory(store.clients, url -> {
        fetches.add(url);
        return documents.getOrDefault(url, Result.err(new ClientMetadataDocumentPort.Unfit("404 from the document host")));
    }, false, clock);
    /** This test server's protected resources: the root and its /mcp subtree. */
    final io.portcullis.application.oauth.port.out.ProtectedResourcesPort resources =
            r -> r.equals(SERVER) || r.value().equals("https://auth.example/mcp");
    final InMemoryResourceStore resourceStore = new InMemoryResourceStore(store);
    final AuthorizationService authorize = new AuthorizationService(directory, store.codes, policy, resources,
            resourceStore.resources, random, clock, audit);
    final OAuthAccessTokenService accessTokens = new OAuthAccessTokenService(keys, new ApiKeyFactory(random), credentials,
            clock);
    final TokenIssuer issuer = new TokenIssuer(accessTokens, policy, random, audit);
    final AuthenticateClientService clientAuthentication = new AuthenticateClientService(directory, store.secrets,
            clock);
    final ExchangeAuthorizationCodeService exchange = new ExchangeAuthorizationCodeService(store.codes,
            store.grants, resources, issuer, UnitOfWork.NONE, random, clock, credentials);
    final RefreshAccessTokenService refresh = new RefreshAccessTokenService(store.refreshTokens, store.grants,
            resources, issuer, UnitOfWork.NONE, clock, credentials, audit);
    final RevokeTokenService revocation = new RevokeTokenService(store.refreshTokens, store.grants, accessTokens,
            UnitOfWork.NONE, credentials, audit);
    final ManageGrantsService grants = new ManageGrantsService(store.grants, store.clients, credentials, audit);
    final RequestAuthenticationService authentication = new RequestAuthenticationService(keys, users,
            IdentityPolicy.defaults(), credentials, clock);
    User alice;
    RegisteredClient confidential;
    RegisteredClient publicClient;

    static CredentialCache listening(CredentialCache cache) {
        cache.listening();
        return cache;
    }

    @BeforeEach
    void setUp() {
        alice = Fixtures.user("alice", Role.MEMBER, clock.instant());
        users.insert(alice);
        confidential = clients.register(raw(List.of("https://app.example/cb"), "client_secret_basic", null)).value();
        publicClient = clients.register(raw(List.of("http://127.0.0.1:3000/callback"), "none", null)).value();
    }

    static ClientMetadata.Raw raw(List<String> redirects, String method, String scope) {
        return new ClientMetadata.Raw("Demo app", redirects, method, null, null, scope, null, null, null, null, null, null,
                null, null);
    }

    static AuthorizationRequest request(OAuthClient client, String redirect, String scope, String resource) {
        return new AuthorizationRequest("code", client.id().toString(), redirect, scope, "st4te", resource,
                PkceChallenge.s256Of(VERIFIER).value(), "S256", Optional.empty());
    }

    String codeFor(RegisteredClient c, String redirect, String scope, String resource) {
        ValidatedAuthorization v = authorize.validate(request(c.client(), redirect, scope, resource)).value();
        return authorize.approve(v, alice.id());
    }

    OAuthClient auth(RegisteredClient c) {
        return clientAuthentication.authenticate(new ClientCredentials(c.client().id().toString(), c.clientSecret().orElse(null), true))
                .value();
    }
}

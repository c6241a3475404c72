package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizeRefusal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.ValidatedAuthorization;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.IntrospectTokenUseCase.Introspection;
import io.portcullis.application.oauth.port.in.ManageResourcesUseCase.CreatedResource;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.port.out.AccessTokenJwtPort;
import io.portcullis.application.oauth.service.ClientCredentialsGrantService;
import io.portcullis.application.oauth.service.ClientSecretIssuer;
import io.portcullis.application.oauth.service.ExchangeAuthorizationCodeService;
import io.portcullis.application.oauth.service.IntrospectTokenService;
import io.portcullis.application.oauth.service.ManageResourcesService;
import io.portcullis.application.oauth.service.RefreshAccessTokenService;
import io.portcullis.application.oauth.service.ResourceTokenFinder;
import io.portcullis.application.oauth.service.ResourceTokenMinter;
import io.portcullis.application.oauth.service.RevokeResourceTokenService;
import io.portcullis.application.oauth.service.SigningKeyService;
import io.portcullis.application.oauth.service.TokenIssuer;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.oauth.SigningKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registered resources, their tokens (opaque here; JWTs in bootstrap's tests), introspection and client_credentials. */
class RegisteredResourceServicesTest extends OAuthServiceTestBase {
    static final String FILES = "https://files.example/mcp";
    /** Opaque resources never sign; a JWT call here would be a bug in the service under test. */
    final AccessTokenJwtPort noJwt = new AccessTokenJwtPort() {
        @Override
        public KeyPair generate(String kid) {
            throw new AssertionError("no JWT expected");
        }

        @Override
        public String sign(SigningKey key, Claims claims) {
            throw new AssertionError("no JWT expected");
        }

        @Override
        public Optional<Claims> verify(String token, Function<String, Optional<SigningKey>> keys) {
            return Optional.empty();
        }
    };
    final SigningKeyService signingKeys = new SigningKeyService(resourceStore.signingKeys, noJwt, Duration.ofMinutes(10),
            random, clock, audit);
    final ResourceTokenMinter minter = new ResourceTokenMinter(resourceStore.tokens, signingKeys, noJwt,
            "https://auth.example", random);
    final ResourceTokenFinder finder = new ResourceTokenFinder(resourceStore.tokens, signingKeys, noJwt);
    final ManageResourcesService manage = new ManageResourcesService(resourceStore.resources, store.clients,
            new ClientSecretIssuer(store.secrets, random, clock), resourceStore.tokens, UnitOfWork.NONE, random, clock, audit);
    final TokenIssuer resourceIssuer = new TokenIssuer(accessTokens, policy, random, resourceStore.resources,
            minter, resources::isProtectedResource, audit);
    final io.portcullis.application.oauth.port.out.ProtectedResourcesPort served =
            r -> resources.isProtectedResource(r) || resourceStore.resources.findByResource(r).isPresent();
    final ExchangeAuthorizationCodeService codeGrant = new ExchangeAuthorizationCodeService(store.codes, store.grants,
            served, resourceIssuer, UnitOfWork.NONE, random, clock, credentials);
    final RefreshAccessTokenService refreshGrant = new RefreshAccessTokenService(store.refreshTokens, store.grants,
            served, resourceIssuer, UnitOfWork.NONE, clock, credentials, audit);
    final IntrospectTokenService introspection = new IntrospectTokenService(finder, resourceStore.resources,
            store.clients, id -> users.findById(id).map(u -> u.username().value()), accessTokens, clock);
    final RevokeResourceTokenService revokeTokens = new RevokeResourceTokenService(finder, resourceStore.tokens, clock);
    final ClientCredentialsGrantService clientCredentials = new ClientCredentialsGrantService(resourceStore.resources,
            minter, accessTokens, policy, SERVER, UnitOfWork.NONE, clock, audit);
    Principal owner;
    CreatedResource files;
    OAuthClient filesIntrospector;

    @BeforeEach
    void registerResource() {
        owner = principal("olga", Role.OWNER);
        files = manage.create(owner, new RegisteredResource.Draft(FILES, "Team files", List.of("files:read", "files:write"),
                Map.of("files:read", "Read your team's files"), "opaque", 600L)).value();
        filesIntrospector = clientAuthentication.authenticate(new ClientCredentials(
                files.resource().introspectionClientId().toString(), files.introspectionClientSecret(), true)).value();
    }

    Principal principal(String name, Role role) {
        User user = Fixtures.user(name, role, clock.instant());
        return new Principal(user, new ApiKeyFactory(random).mint(user.id(), LoginType.TOKEN, clock.instant(),
                Duration.ofDays(1), name, ScopeSet.ALL, AllowList.ANY, Optional.empty()).key());
    }

    TokenResponse userToken(String scope) {
        ValidatedAuthorization v = authorize.validate(request(confidential.client(), null, scope, FILES)).value();
        String code = authorize.approve(v, alice.id());
        return codeGrant.exchange(new ExchangeAuthorizationCodeCommand(auth(confidential), code, VERIFIER, null, FILES)).value();
    }

    @Test
    void manageAndClientCredentialsWhenDoneThenAuditedWithoutSecrets() {
        io.portcullis.domain.shared.ClientAddress from = new io.portcullis.domain.shared.ClientAddress("192.0.2.9");
        Principal olga = owner.from(from);
        var created = manage.create(olga, new RegisteredResource.Draft("https://audit.example/mcp", "Audited",
                List.of("a:read"), null, "opaque", 600L)).value();
        manage.update(olga, created.resource().id().toString(), new RegisteredResource.Draft(null, "Audited 2", null, null,
                null, null)).value();
        manage.delete(olga, created.resource().id().toString()).value();
        for (var action : List.of(io.portcullis.domain.audit.AuditAction.OAUTH2_RESOURCE_CREATE,
                io.portcullis.domain.audit.AuditAction.OAUTH2_RESOURCE_UPDATE,
                io.portcullis.domain.audit.AuditAction.OAUTH2_RESOURCE_DELETE)) {
            var entries = auditLog.of(action).stream().filter(e -> e.event().actor().address().isPresent()).toList();
            assertThat(entries).as(action.wire()).hasSize(1);
            assertThat(entries.get(0).event().actor().userId()).contains(owner.user().id());
            assertThat(entries.get(0).event().targetId()).contains(created.resource().id().toString());
        }
        RegisteredClient job = serviceClient("files:read");
        TokenResponse t = clientCredentials.grant(auth(job), null, FILES, from).value();
        var issued = auditLog.of(io.portcullis.domain.audit.AuditAction.OAUTH2_TOKEN_ISSUE);
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).event().actor().clientId()).contains(job.client().id().toString());
        assertThat(issued.get(0).event().actor().address()).contains(from);
        assertThat(issued.get(0).event().detail().orElse("")).contains("grant_type=client_credentials", FILES);
        for (var entry : auditLog.all()) {
            assertThat(entry.toString()).doesNotContain(created.introspectionClientSecret())
                    .doesNotContain(files.introspectionClientSecret()).doesNotContain(t.accessToken())
                    .doesNotContain(job.clientSecret().orElseThrow());
        }
    }

    @Test
    void createWhenMemberThenForbiddenAndNothingStored() {
        var refused = manage.create(principal("mia", Role.MEMBER), new RegisteredResource.Draft("https://x.example",
                "X", List.of("x:read"), null, null, null));
        assertThat(refused.error()).isInstanceOf(OAuthManagementError.Forbidden.class);
        assertThat(manage.list(owner).value()).hasSize(1);
    }

    @Test
    void createWhenSameResourceAgainThenConflict() {
        var again = manage.create(owner, new RegisteredResource.Draft("https://FILES.example:443/mcp/", "Dup",
                List.of("a"), null, null, null));
        assertThat(again.error()).isInstanceOf(OAuthManagementError.Conflict.class);
    }

    @Test
    void createThenIntrospectionClientIsConfidentialWithoutRedirectOrGrant() {
        assertThat(filesIntrospector.clientType().wire()).isEqualTo("confidential");
        assertThat(filesIntrospector.metadata().redirectUris()).isEmpty();
        assertThat(filesIntrospector.metadata().grantTypes()).isEmpty();
        assertThat(files.resource().tokenFormat().wire()).isEqualTo("opaque");
        assertThat(files.resource().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void updateWhenScopesNarrowedThenDescriptionsOfDroppedScopesGo() {
        RegisteredResource updated = manage.update(owner, files.resource().id().toString(), new RegisteredResource.Draft(
                null, null, List.of("files:write"), null, null, null)).value();
        assertThat(updated.scopes()).containsExactly("files:write");
        assertThat(updated.scopeDescriptions()).isEmpty();
        assertThat(updated.displayName()).isEqualTo("Team files");
    }

    @Test
    void authorizeWhenScopeNotAcceptedByResourceThenInvalidScope() {
        var refused = authorize.validate(request(confidential.client(), null, "files:read files:delete", FILES));
        assertThat(((AuthorizeRefusal.ToClient) refused.error()).error()).isInstanceOf(OAuthError.InvalidScope.class);
        var portcullisScope = authorize.validate(request(confidential.client(), null, "user:read", FILES));
        assertThat(((AuthorizeRefusal.ToClient) portcullisScope.error()).error()).isInstanceOf(OAuthError.InvalidScope.class);
    }

    @Test
    void authorizeWhenResourceScopeAskedForTheApiThenInvalidScope() {
        var refused = authorize.validate(request(confidential.client(), null, "files:read", null));
        assertThat(((AuthorizeRefusal.ToClient) refused.error()).error()).isInstanceOf(OAuthError.InvalidScope.class);
    }

    @Test
    void authorizeWhenNoScopeThenEveryScopeOfTheResource() {
        ValidatedAuthorization v = authorize.validate(request(confidential.client(), null, null, FILES)).value();
        assertThat(v.scope().values()).containsExactly("files:read", "files:write");
        assertThat(v.resource().value()).isEqualTo(FILES);
    }

    @Test
    void exchangeWhenRegisteredResourceThenItsOwnTokenAndIntrospectionByItsClient() {
        TokenResponse t = userToken("files:read");
        assertThat(t.expiresIn()).isEqualTo(600);
        assertThat(t.refreshToken()).isNotNull();
        Introspection i = introspection.introspect(filesIntrospector, t.accessToken());
        assertThat(i.active()).isTrue();
        assertThat(i.audience()).containsExactly(FILES);
        assertThat(i.scope()).isEqualTo("files:read");
        assertThat(i.subject()).isEqualTo(alice.id().toString());
        assertThat(i.username()).isEqualTo("alice");
        assertThat(i.clientId()).isEqualTo(confidential.client().clientId());
        // the issuing client may introspect its own token too
        assertThat(introspection.introspect(auth(confidential), t.accessToken()).active()).isTrue();
    }

    @Test
    void introspectWhenCallerIsAnotherResourceOrClientThenInactive() {
        TokenResponse t = userToken("files:read");
        CreatedResource other = manage.create(owner, new RegisteredResource.Draft("https://other.example", "Other",
                List.of("o"), null, "opaque", null)).value();
        OAuthClient otherIntrospector = clientAuthentication.authenticate(new ClientCredentials(
                other.resource().introspectionClientId().toString(), other.introspectionClientSecret(), true)).value();
        assertThat(introspection.introspect(otherIntrospector, t.accessToken())).isEqualTo(Introspection.INACTIVE);
        RegisteredClient stranger = clients.register(raw(List.of("https://s.example/cb"), "client_secret_basic", null)).value();
        assertThat(introspection.introspect(auth(stranger), t.accessToken()).active()).isFalse();
        assertThat(introspection.introspect(filesIntrospector, "pcs_AAAAAAAAAA_" + "B".repeat(40)).active()).isFalse();
    }

    @Test
    void introspectWhenExpiredOrRevokedThenInactive() {
        TokenResponse expiring = userToken("files:read");
        TokenResponse revoked = userToken("files:read");
        assertThat(revokeTokens.revoke(auth(publicClient), revoked.accessToken())).isFalse();
        assertThat(revokeTokens.revoke(auth(confidential), revoked.accessToken())).isTrue();
        assertThat(introspection.introspect(filesIntrospector, revoked.accessToken()).active()).isFalse();
        clock.advance(Duration.ofMinutes(10));
        assertThat(introspection.introspect(filesIntrospector, expiring.accessToken()).active()).isFalse();
    }

    @Test
    void refreshWhenRegisteredResourceThenNewResourceToken() {
        TokenResponse first = userToken("files:read files:write");
        TokenResponse next = refreshGrant.refresh(new RefreshAccessTokenCommand(auth(confidential), first.refreshToken(),
                "files:read", FILES)).value();
        assertThat(next.scope()).isEqualTo("files:read");
        assertThat(introspection.introspect(filesIntrospector, next.accessToken()).scope()).isEqualTo("files:read");
    }

    @Test
    void deleteResourceThenTokensInactiveGrantsGoneAndIntrospectionClientGone() {
        TokenResponse t = userToken("files:read");
        manage.delete(owner, files.resource().id().toString()).value();
        assertThat(introspection.introspect(auth(confidential), t.accessToken()).active()).isFalse();
        assertThat(store.clients.findById(files.resource().introspectionClientId())).isEmpty();
        assertThat(refreshGrant.refresh(new RefreshAccessTokenCommand(auth(confidential), t.refreshToken(), null, null))
                .isOk()).isFalse();
    }

    RegisteredClient serviceClient(String scope) {
        return clients.register(new ClientMetadata.Raw("Nightly job", null, "client_secret_basic",
                List.of("client_credentials"), null, scope, null, null, null, null, null, null, null, null)).value();
    }

    @Test
    void clientCredentialsWhenRegisteredForItThenTokenForTheClientItself() {
        RegisteredClient job = serviceClient("files:read");
        TokenResponse t = clientCredentials.grant(auth(job), null, FILES).value();
        assertThat(t.refreshToken()).isNull();
        assertThat(t.scope()).isEqualTo("files:read");
        Introspection i = introspection.introspect(filesIntrospector, t.accessToken());
        assertThat(i.subject()).isEqualTo(job.client().clientId());
        assertThat(i.username()).isNull();
    }

    @Test
    void clientCredentialsWhenRefusedThenTheRightError() {
        RegisteredClient job = serviceClient("files:read");
        assertThat(clientCredentials.grant(auth(confidential), null, FILES).error())
                .isInstanceOf(OAuthError.UnauthorizedClient.class);
        assertThat(clientCredentials.grant(auth(job), "files:write", FILES).error())
                .isInstanceOf(OAuthError.InvalidScope.class);
        assertThat(clientCredentials.grant(auth(job), null, "https://unknown.example").error())
                .isInstanceOf(OAuthError.InvalidTarget.class);
        assertThat(clientCredentials.grant(auth(job), null, null).error()).isInstanceOf(OAuthError.InvalidTarget.class);
    }

    @Test
    void registerWhenClientCredentialsForPublicClientThenInvalidClientMetadata() {
        var refused = clients.register(new ClientMetadata.Raw("x", null, "none", List.of("client_credentials"), null, null,
                null, null, null, null, null, null, null, null));
        assertThat(refused.error()).isInstanceOf(OAuthError.InvalidClientMetadata.class);
    }
}

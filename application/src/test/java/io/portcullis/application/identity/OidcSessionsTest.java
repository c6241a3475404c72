package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.in.ProviderAccessTokenUseCase.NoProviderToken;
import io.portcullis.application.identity.port.out.OidcProviderPort;
import io.portcullis.application.identity.service.CredentialCache;
import io.portcullis.application.identity.service.OidcLinkRefresher;
import io.portcullis.application.identity.service.PasswordLoginSwitch;
import io.portcullis.application.identity.service.RequestAuthenticationService;
import io.portcullis.application.identity.service.SessionService;
import io.portcullis.application.identity.service.SignInThrottle;
import io.portcullis.application.shared.InMemoryAttemptCounters;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.PlainTestHasher;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginThrottlePolicy;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.OidcLink;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSettings;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC sessions and provider tokens (PRODUCT §8): refresh within ten minutes of expiry without moving the session's
 * expiry, a refused refresh ending the session, no refresh token ending nothing; and the password-login switch.
 */
class OidcSessionsTest {
    private static final ResourceUri API = ResourceUri.parse("http://localhost:8080");
    private static final ClientAddress HOME = new ClientAddress("203.0.113.1");
    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final SeededRandom random = new SeededRandom(11);
    private final PlainTestHasher hasher = new PlainTestHasher();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
    private final InMemoryOidcLinkRepository links = new InMemoryOidcLinkRepository();
    private final ScriptedOidcProvider idp = new ScriptedOidcProvider();
    private final OidcProvider corp = OidcSignInServiceTest.provider(List.of(), false);
    private final OidcSettings settings = new OidcSettings(List.of(corp), false, Optional.of("owner"));
    private final CredentialCache cache = new CredentialCache(10);
    private final OidcLinkRefresher refresher = new OidcLinkRefresher(settings, links, idp, UnitOfWork.NONE, Runnable::run, clock);
    private final RequestAuthenticationService authentication = new RequestAuthenticationService(keys, users,
            IdentityPolicy.defaults(), cache, clock, Optional.of(refresher));
    private User ann;

    @BeforeEach
    void setUp() {
        cache.listening();
        users.insert(new User(random.uuid(), new Email("owner@example.com"), new Username("owner"), hasher.hash(new io.portcullis.domain.identity.Password("password-1")),
                Role.OWNER, UserStatus.ACTIVE, clock.instant(), null));
        ann = new User(random.uuid(), new Email("ann@corp.example"), new Username("ann"), hasher.hash(new io.portcullis.domain.identity.Password("password-2")), Role.MEMBER,
                UserStatus.ACTIVE, clock.instant(), null);
        users.insert(ann);
    }

    private String oidcSession(Optional<String> refreshToken, Duration providerTokenLifetime) {
        Instant now = clock.instant();
        links.save(new OidcLink(ann.id(), "corp", OidcSignInServiceTest.ISSUER, "sub-ann", "ann@corp.example", "access-1",
                refreshToken, Optional.of(now.plus(providerTokenLifetime)), now, now));
        IssuedApiKey session = new ApiKeyFactory(random).mint(ann.id(), LoginType.OIDC, now, Duration.ofHours(24), null,
                ScopeSet.ALL, AllowList.ANY, Optional.empty());
        keys.insert(session.key());
        return session.plaintext();
    }

    @Test
    void authenticateWhenTheProviderTokenExpiresWithinTenMinutesThenRefreshedOnceAndTheSessionExpiryStays() {
        String session = oidcSession(Optional.of("refresh-1"), Duration.ofMinutes(15));
        Instant sessionExpiry = authentication.authenticate(session, API).value().key().expiresAt();
        assertThat(idp.refreshesWith).isEmpty();

        clock.advance(Duration.ofMinutes(6));
        idp.nextRefresh = Result.ok(new OidcProviderPort.Tokens("access-2", Optional.of("refresh-2"), Optional.of(900L)));
        Principal principal = authentication.authenticate(session, API).value();
        authentication.authenticate(session, API).value();

        assertThat(idp.refreshesWith).containsExactly("refresh-1");
        OidcLink link = links.find(OidcSignInServiceTest.ISSUER, "sub-ann").orElseThrow();
        assertThat(link.accessToken()).isEqualTo("access-2");
        assertThat(link.refreshToken()).contains("refresh-2");
        assertThat(link.expiresAt()).contains(clock.instant().plusSeconds(900));
        assertThat(links.lockedReads).isEqualTo(1);
        assertThat(principal.key().expiresAt()).isEqualTo(keys.findById(principal.key().id()).orElseThrow().expiresAt());
        assertThat(principal.key().expiresAt()).isAfterOrEqualTo(sessionExpiry);
        assertThat(refresher.currentAccessToken(ann.id()).value()).isEqualTo("access-2");
    }

    @Test
    void sessionEndedWhenTheRequestThreadIsInterruptedDuringTheRefreshThenTheRotatedTokenIsStillStored() throws Exception {
        oidcSession(Optional.of("refresh-1"), Duration.ofMinutes(5));
        java.util.concurrent.CountDownLatch providerAnswers = new java.util.concurrent.CountDownLatch(1);
        ScriptedOidcProvider slow = new ScriptedOidcProvider() {
            @Override
            public Result<Tokens, RefreshFailure> refresh(OidcProvider provider, String refreshToken) {
                try {
                    providerAnswers.await();
                } catch (InterruptedException e) {
                    throw new AssertionError("the refresh itself must not be interrupted", e);
                }
                return Result.ok(new Tokens("access-2", Optional.of("refresh-2"), Optional.of(900L)));
            }
        };
        java.util.concurrent.ExecutorService detached = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            OidcLinkRefresher onItsOwnWorker = new OidcLinkRefresher(settings, links, slow, UnitOfWork.NONE, detached, clock);
            Thread request = new Thread(() -> onItsOwnWorker.sessionEnded(ann.id()));
            request.start();
            Thread.sleep(100);
            request.interrupt(); // the client hung up: the request's thread is interrupted mid-refresh
            providerAnswers.countDown();
            request.join(5000);
            detached.shutdown();
            assertThat(detached.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            detached.shutdownNow();
        }
        assertThat(links.find(OidcSignInServiceTest.ISSUER, "sub-ann").orElseThrow().refreshToken()).contains("refresh-2");
    }

    @Test
    void authenticateWhenTheProviderRefusesTheRefreshThenTheSessionEndsWithSignInAgain() {
        String session = oidcSession(Optional.of("refresh-1"), Duration.ofMinutes(5));
        idp.nextRefresh = Result.err(new OidcProviderPort.RefreshFailure.Refused("HTTP 400: invalid_grant"));

        Result<Principal, AuthenticationFailure> refused = authentication.authenticate(session, API);

        assertThat(refused.error()).isInstanceOf(AuthenticationFailure.InvalidToken.class);
        assertThat(((AuthenticationFailure.InvalidToken) refused.error()).description())
                .isEqualTo("the sign-in with Corp SSO has ended; sign in again");
        assertThat(keys.findById(session.substring(0, 10))).isEmpty();
        assertThat(refresher.currentAccessToken(ann.id()).error()).isEqualTo(new NoProviderToken.Unrefreshable("Corp SSO"));
    }

    @Test
    void authenticateWhenTheProviderIsUnreachableThenTheUnexpiredTokenStaysInUse() {
        String session = oidcSession(Optional.of("refresh-1"), Duration.ofMinutes(5));
        idp.nextRefresh = Result.err(new OidcProviderPort.RefreshFailure.Unreachable("timeout"));

        assertThat(authentication.authenticate(session, API).isOk()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(authentication.authenticate(session, API).isOk()).isFalse();
    }

    @Test
    void authenticateWhenTheProviderGaveNoRefreshTokenThenItsExpiryEndsNothing() {
        String session = oidcSession(Optional.empty(), Duration.ofMinutes(5));
        clock.advance(Duration.ofHours(2));

        assertThat(authentication.authenticate(session, API).isOk()).isTrue();
        assertThat(idp.refreshesWith).isEmpty();
        assertThat(refresher.currentAccessToken(ann.id()).error().message())
                .isEqualTo("your sign-in with Corp SSO has ended; sign in with Corp SSO again");
    }

    @Test
    void currentAccessTokenWhenTheUserNeverSignedInWithAProviderThenNamesTheProvider() {
        Result<String, NoProviderToken> none = refresher.currentAccessToken(users.findByUsername(new Username("owner"))
                .orElseThrow().id());

        assertThat(none.error().message()).isEqualTo("sign in with Corp SSO to use this MCP server");
    }

    @Test
    void loginWhenPasswordLoginIsOffThenOnlyTheBreakGlassAccountSignsInWithAPassword() {
        SessionService passwords = new SessionService(users, keys, hasher, new ApiKeyFactory(random), IdentityPolicy.defaults(),
                new SignInThrottle(new InMemoryAttemptCounters(), LoginThrottlePolicy.defaults(), clock), cache, clock,
                UnitOfWork.NONE, new io.portcullis.application.shared.AuditTrail(new io.portcullis.application.shared.InMemoryAuditLog(), clock, new io.portcullis.application.testing.SeededRandom(5)));
        PasswordLoginSwitch off = new PasswordLoginSwitch(passwords, settings, users);

        Result<IssuedApiKey, IdentityError> member = off.login("ann@corp.example", "password-2", HOME);
        Result<IssuedApiKey, IdentityError> stranger = off.login("nobody@corp.example", "password-2", HOME);

        assertThat(member.error()).isEqualTo(new IdentityError.Forbidden("password sign-in is switched off; sign in with Corp SSO"));
        assertThat(stranger.error()).isEqualTo(member.error());
        assertThat(off.login("owner@example.com", "password-1", HOME).isOk()).isTrue();
        assertThat(off.login("owner@example.com", "wrong-password", HOME).error()).isInstanceOf(IdentityError.BadCredentials.class);
        PasswordLoginSwitch on = new PasswordLoginSwitch(passwords, new OidcSettings(List.of(corp), true, Optional.empty()), users);
        assertThat(on.login("ann@corp.example", "password-2", HOME).isOk()).isTrue();
    }
}

package io.portcullis.application.identity.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;
import io.portcullis.application.identity.port.in.CreateApiTokenCommand;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAuditLog;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.PlainTestHasher;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.application.shared.InMemoryAttemptCounters;
import io.portcullis.domain.identity.LoginThrottlePolicy;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of the credential cache, on in-memory stores. A change made straight in the store (as another replica
 * would make it) is what a cached credential cannot see by itself: these tests use that to tell whether an answer
 * came from memory or from the store.
 */
class CredentialCacheTest {
    private static final ResourceUri API = ResourceUri.parse("http://localhost:8080");
    private static final ClientAddress FROM = new ClientAddress("203.0.113.1");
    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final SeededRandom random = new SeededRandom(7);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
    private final ApiKeyFactory factory = new ApiKeyFactory(random);
    private final IdentityPolicy policy = IdentityPolicy.defaults();
    private final CredentialCache cache = new CredentialCache(100);
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(auditLog, clock, new SeededRandom(99));
    private final UserAccountService accounts = new UserAccountService(users, new PlainTestHasher(), UnitOfWork.NONE,
            random, cache, clock, audit);
    private final FirstUserService firstUser = new FirstUserService(users, new PlainTestHasher(), UnitOfWork.NONE, random,
            clock, audit);
    private final SessionService sessions = new SessionService(users, keys, new PlainTestHasher(), factory, policy,
            new SignInThrottle(new InMemoryAttemptCounters(), LoginThrottlePolicy.defaults(), clock), cache, clock, UnitOfWork.NONE, audit);
    private final ApiKeyService tokens = new ApiKeyService(accounts, keys, factory, policy, cache, clock, UnitOfWork.NONE, audit);
    private final RequestAuthenticationService authentication = new RequestAuthenticationService(keys, users, policy,
            cache, clock);
    private Principal owner;
    private Principal member;
    private String memberToken;

    @BeforeEach
    void setUp() {
        cache.listening();
        firstUser.createFirst(CreateUserCommand.of("owner@example.com", "owner", "password-1"), null).value();
        owner = authentication.authenticate(sessions.login("owner@example.com", "password-1", FROM).value().plaintext(), API)
                .value();
        accounts.create(owner, CreateUserCommand.of("member@example.com", "member", "password-2")).value();
        member = authentication.authenticate(sessions.login("member@example.com", "password-2", FROM).value().plaintext(), API)
                .value();
        memberToken = tokens.createToken(member, "me", new CreateApiTokenCommand("ci", null, null, null)).value().plaintext();
    }

    private boolean accepted(String token) {
        return authentication.authenticate(token, API).isOk();
    }

    private String idOf(String token) {
        return token.substring(0, 10);
    }

    @Test
    void authenticateWhenCachedThenStoreChangeUnseenUntilReportedAndThenRefused() {
        assertThat(accepted(memberToken)).isTrue();
        assertThat(accepted(idOf(memberToken) + "-" + "x".repeat(22))).as("the right id with a wrong secret").isFalse();
        keys.delete(idOf(memberToken)); // another replica's deletion, not yet reported here
        assertThat(accepted(memberToken)).as("served from memory").isTrue();
        assertThat(authentication.authenticateFromMemory(memberToken, API)).isPresent();
        cache.keyChanged(idOf(memberToken));
        assertThat(authentication.authenticateFromMemory(memberToken, API)).isEmpty();
        assertThat(authentication.authenticate(memberToken, API).error())
                .isEqualTo(new AuthenticationFailure.InvalidToken("the access token is invalid or has been revoked"));
    }

    @Test
    void authenticateWhenNotListeningOrInterruptedThenEveryRequestReadsTheStore() {
        CredentialCache cold = new CredentialCache(100);
        RequestAuthenticationService unlistened = new RequestAuthenticationService(keys, users, policy, cold, clock);
        assertThat(unlistened.authenticate(memberToken, API).isOk()).isTrue();
        assertThat(cold.size()).isZero();
        assertThat(unlistened.authenticateFromMemory(memberToken, API)).isEmpty();

        assertThat(accepted(memberToken)).isTrue();
        assertThat(cache.size()).isPositive();
        cache.interrupted();
        assertThat(cache.size()).as("cleared when reports may be missed").isZero();
        keys.delete(idOf(memberToken));
        assertThat(accepted(memberToken)).as("read from the store while interrupted").isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void listeningWhenResumedThenWhatWasCachedBeforeIsGone() {
        String ownerToken = tokens.createToken(owner, "me", new CreateApiTokenCommand("ops", null, null, null)).value()
                .plaintext();
        assertThat(accepted(ownerToken)).isTrue();
        cache.interrupted();
        keys.delete(idOf(ownerToken)); // missed while not listening
        cache.listening();
        assertThat(accepted(ownerToken)).isFalse();
    }

    @Test
    void authenticateWhenCachedTokenReachesExpiryThenExpiredNeverServedFromMemory() {
        IssuedApiKey shortLived = tokens.createToken(member, "me", new CreateApiTokenCommand("short", 60L, null, null))
                .value();
        assertThat(accepted(shortLived.plaintext())).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(authentication.authenticateFromMemory(shortLived.plaintext(), API)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(authentication.authenticateFromMemory(shortLived.plaintext(), API)).isEmpty();
        assertThat(((AuthenticationFailure.InvalidToken) authentication.authenticate(shortLived.plaintext(), API).error())
                .description()).startsWith("the access token expired at ");
    }

    @Test
    void authenticateWhenLastUsedDueThenStoreReadAndWrittenOncePerHour() {
        assertThat(accepted(memberToken)).isTrue();
        var firstUse = clock.instant();
        assertThat(keys.findById(idOf(memberToken)).orElseThrow().lastUsed()).isEqualTo(firstUse);
        clock.advance(Duration.ofMinutes(59));
        assertThat(accepted(memberToken)).isTrue();
        assertThat(keys.findById(idOf(memberToken)).orElseThrow().lastUsed()).isEqualTo(firstUse);
        keys.delete(idOf(memberToken));
        assertThat(accepted(memberToken)).as("still served within the hour").isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(accepted(memberToken)).as("the hourly write reads the store first").isFalse();
    }

    @Test
    void authenticateWhenCachedSessionDueToSlideThenSlidInStoreAndPrincipalCarriesIt() {
        IssuedApiKey session = sessions.login("member@example.com", "password-2", FROM).value();
        assertThat(accepted(session.plaintext())).isTrue();
        clock.advance(Duration.ofMinutes(30));
        assertThat(authentication.authenticateFromMemory(session.plaintext(), API)).isPresent();
        clock.advance(Duration.ofMinutes(40)); // less than lifetime - 1h left: slides
        Principal slid = authentication.authenticate(session.plaintext(), API).value();
        assertThat(keys.findById(session.key().id()).orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(slid.key().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(slid.user().lastSeenAt()).isEqualTo(clock.instant());
        assertThat(authentication.authenticateFromMemory(session.plaintext(), API).orElseThrow().value().key().expiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    void revokeWhenDoneOnThisReplicaThenRefusedAtOnce() {
        IssuedApiKey ops = tokens.createToken(owner, "me", new CreateApiTokenCommand("ops", null, null, null)).value();
        assertThat(accepted(ops.plaintext())).isTrue();
        assertThat(tokens.delete(owner, "me", ops.key().id()).isOk()).isTrue();
        assertThat(authentication.authenticateFromMemory(ops.plaintext(), API)).isEmpty();
        assertThat(accepted(ops.plaintext())).isFalse();

        IssuedApiKey session = sessions.login("owner@example.com", "password-1", FROM).value();
        Principal signedIn = authentication.authenticate(session.plaintext(), API).value();
        sessions.logout(signedIn);
        assertThat(accepted(session.plaintext())).isFalse();
    }

    @Test
    void suspendWhenMemberCachedThenRefusedAtOnceHereAndByReportElsewhere() {
        assertThat(accepted(memberToken)).isTrue();
        accounts.changeStatus(owner, "member", UserStatus.SUSPENDED).value();
        assertThat(authentication.authenticate(memberToken, API).error())
                .isEqualTo(new AuthenticationFailure.InvalidToken("the account that owns this token is suspended"));

        // another replica suspends: the store changes, the report arrives
        accounts.changeStatus(owner, "member", UserStatus.ACTIVE).value();
        assertThat(accepted(memberToken)).isTrue();
        users.updateStatus(member.user().id(), UserStatus.SUSPENDED);
        assertThat(accepted(memberToken)).as("not reported yet").isTrue();
        cache.userChanged(member.user().id());
        assertThat(accepted(memberToken)).isFalse();
    }

    @Test
    void authenticateWhenCachedOAuthTokenUsedForAnotherResourceThenAudienceStillChecked() {
        IssuedApiKey oauth = factory.mint(owner.user().id(), LoginType.OAUTH2_PROVIDER_APP, clock.instant(),
                Duration.ofHours(1), null, ScopeSet.ALL, AllowList.ANY,
                Optional.of(ResourceUri.parse("http://localhost:8080/mcp")));
        keys.insert(oauth.key());
        ResourceUri mcp = ResourceUri.parse("http://localhost:8080/mcp/x");
        assertThat(authentication.authenticate(oauth.plaintext(), mcp).isOk()).isTrue();
        assertThat(authentication.authenticateFromMemory(oauth.plaintext(), API).orElseThrow().error())
                .isEqualTo(new AuthenticationFailure.InvalidToken("the access token's audience does not include this resource"));
        assertThat(authentication.authenticateFromMemory(oauth.plaintext(), mcp).orElseThrow().isOk()).isTrue();
    }

    @Test
    void putWhenStoreWasReadBeforeAChangeThenNotCached() {
        long stamp = cache.stamp();
        Principal read = authentication.authenticate(memberToken, API).value(); // as read before the change below
        cache.everythingChanged();
        cache.put(memberToken, read, stamp);
        assertThat(cache.find(memberToken)).isEmpty();
        cache.put(memberToken, read, cache.stamp());
        assertThat(cache.find(memberToken)).isPresent();
    }

    @Test
    void grantRevokedWhenReportedThenOnlyThatGrantsTokensForgotten() {
        UUID grant = UUID.randomUUID();
        IssuedApiKey oauth = factory.mintAccessToken(owner.user().id(), clock.instant(), Duration.ofHours(1),
                ScopeSet.ALL, API, grant);
        keys.insert(oauth.key());
        assertThat(accepted(oauth.plaintext())).isTrue();
        assertThat(accepted(memberToken)).isTrue();
        cache.grantRevoked(grant);
        assertThat(authentication.authenticateFromMemory(oauth.plaintext(), API)).isEmpty();
        assertThat(authentication.authenticateFromMemory(memberToken, API)).isPresent();
    }

    @Test
    void putWhenFullThenSizeStaysWithinBound() {
        CredentialCache small = new CredentialCache(8);
        small.listening();
        for (int i = 0; i < 50; i++) {
            small.put("token-" + i, member, small.stamp());
            assertThat(small.size()).isLessThanOrEqualTo(8);
        }
        assertThat(small.find("token-49")).isPresent();
        CredentialCache off = new CredentialCache(0);
        off.listening();
        off.put("token", member, off.stamp());
        assertThat(off.size()).isZero();
    }
}

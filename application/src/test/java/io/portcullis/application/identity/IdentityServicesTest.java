package io.portcullis.application.identity;

import io.portcullis.domain.identity.Username;

import io.portcullis.domain.identity.Password;

import io.portcullis.domain.identity.Role;

import io.portcullis.application.identity.service.FirstUserService;
import io.portcullis.application.identity.port.out.UpstreamAccessPort;
import io.portcullis.application.identity.service.AccountChangesService;
import io.portcullis.application.identity.service.ProfileService;
import io.portcullis.application.identity.port.in.UpdateProfileCommand;
import io.portcullis.domain.audit.AuditAction;

import io.portcullis.application.identity.port.in.ChangePasswordCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.application.identity.port.in.CreateApiTokenCommand;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.service.ApiKeyService;
import io.portcullis.application.identity.service.CredentialCache;
import io.portcullis.application.identity.service.RequestAuthenticationService;
import io.portcullis.application.identity.service.SessionService;
import io.portcullis.application.identity.service.SignInThrottle;
import io.portcullis.application.shared.InMemoryAttemptCounters;
import io.portcullis.application.identity.service.UserAccountService;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAuditLog;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.PlainTestHasher;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginThrottlePolicy;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Identity use cases on in-memory adapters with a hand-driven clock. */
class IdentityServicesTest {
    private static final ResourceUri API = ResourceUri.parse("http://localhost:8080");
    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final SeededRandom random = new SeededRandom(42);
    private final PlainTestHasher hasher = new PlainTestHasher();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
    private final ApiKeyFactory factory = new ApiKeyFactory(random);
    private final IdentityPolicy policy = IdentityPolicy.defaults();
    private final CredentialCache cache = new CredentialCache(100);
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(auditLog, clock, new SeededRandom(99));
    private final UserAccountService accounts = new UserAccountService(users, hasher, UnitOfWork.NONE, random, cache,
            clock, audit);
    private final FirstUserService firstUser = new FirstUserService(users, hasher, UnitOfWork.NONE, random, clock, audit);
    private static final ClientAddress HOME = new ClientAddress("203.0.113.1");
    private static final ClientAddress ATTACKER = new ClientAddress("198.51.100.66");
    private final InMemoryAttemptCounters counters = new InMemoryAttemptCounters();
    private final SessionService sessions = new SessionService(users, keys, hasher, factory, policy,
            new SignInThrottle(counters, LoginThrottlePolicy.defaults(), clock), cache, clock, UnitOfWork.NONE, audit);
    private final ApiKeyService tokens = new ApiKeyService(accounts, keys, factory, policy, cache, clock, UnitOfWork.NONE, audit);
    private final RequestAuthenticationService authentication = new RequestAuthenticationService(keys, users, policy,
            cache, clock);
    /** What the registry is told, and whether the user's row still existed at that moment. */
    private final List<String> upstreamAccess = new java.util.ArrayList<>();
    private final UpstreamAccessPort upstream = userId -> {
        upstreamAccess.add("read " + users.findById(userId).isPresent());
        return () -> upstreamAccess.add("revoked " + users.findById(userId).isPresent());
    };
    private final AccountChangesService changes = new AccountChangesService(users, keys, accounts, hasher, UnitOfWork.NONE, cache,
            audit, upstream);
    private final ProfileService profiles = new ProfileService(users, accounts, UnitOfWork.NONE, cache, audit);
    private Principal owner;
    private Principal member;

    @BeforeEach
    void setUp() {
        cache.listening(); // every rule below holds with credentials served from memory
        firstUser.createFirst(CreateUserCommand.of("owner@example.com", "owner", "password-1"), null).value();
        owner = signIn("owner@example.com", "password-1");
        accounts.create(owner, CreateUserCommand.of("member@example.com", "member", "password-2")).value();
        member = signIn("member@example.com", "password-2");
    }

    private Principal signIn(String email, String password) {
        IssuedApiKey session = sessions.login(email, password, HOME).value();
        return authentication.authenticate(session.plaintext(), API).value();
    }

    @Test
    void changeRoleOrDeleteOrSuspendWhenLastActiveOwnerThenConflictAndNothingChanges() {
        assertThat(changes.changeRole(owner, "me", Role.MEMBER).error()).isInstanceOf(IdentityError.Conflict.class);
        assertThat(changes.delete(owner, "me").error()).isInstanceOf(IdentityError.Conflict.class);
        assertThat(users.findByUsername(new Username("owner")).orElseThrow().isActiveOwner()).isTrue();
        assertThat(changes.changeRole(owner, "member", Role.OWNER).isOk()).isTrue();
        assertThat(changes.changeRole(owner, "me", Role.MEMBER).isOk()).isTrue();
        // the demoted owner's old principal no longer counts as an owner once re-read
        assertThat(changes.changeRole(owner, "member", Role.MEMBER).error()).isInstanceOf(IdentityError.Forbidden.class);
        assertThat(users.countActiveOwners()).isEqualTo(1);
    }

    @Test
    void changePasswordWhenSelfThenOldPasswordMustBeRightAndMembersCannotResetOthers() {
        assertThat(changes.changePassword(member, new ChangePasswordCommand("me", "wrong", new Password("password-new"))).error())
                .isInstanceOf(IdentityError.Invalid.class);
        assertThat(changes.changePassword(member, new ChangePasswordCommand("owner", null, new Password("password-new"))).error())
                .isInstanceOf(IdentityError.Forbidden.class);
        assertThat(changes.changePassword(member, new ChangePasswordCommand("me", "password-2", new Password("password-new")))
                .isOk()).isTrue();
        assertThat(sessions.login("member@example.com", "password-new", HOME).isOk()).isTrue();
        assertThat(changes.changePassword(owner, new ChangePasswordCommand("member", null, new Password("password-reset")))
                .isOk()).isTrue();
        assertThat(sessions.login("member@example.com", "password-reset", HOME).isOk()).isTrue();
    }

    /** Self: the user's other sessions end, the one making the change and API tokens stay. Owner reset: every session ends. */
    @Test
    void changePasswordWhenSelfOrResetThenOtherSessionsEnd() {
        String laptop = sessions.login("member@example.com", "password-2", HOME).value().plaintext();
        String phone = sessions.login("member@example.com", "password-2", HOME).value().plaintext();
        Principal onLaptop = authentication.authenticate(laptop, API).value();
        String token = tokens.createToken(onLaptop, "me", new CreateApiTokenCommand("ci", null, null, null)).value().plaintext();
        assertThat(authentication.authenticate(phone, API).isOk()).isTrue(); // cached from here on
        assertThat(changes.changePassword(onLaptop, new ChangePasswordCommand("me", "password-2", new Password("password-new")))
                .isOk()).isTrue();
        assertThat(authentication.authenticate(laptop, API).isOk()).isTrue();
        assertThat(authentication.authenticate(phone, API).isOk()).isFalse();
        assertThat(authentication.authenticate(token, API).isOk()).isTrue();

        String later = sessions.login("member@example.com", "password-new", HOME).value().plaintext();
        assertThat(changes.changePassword(owner, new ChangePasswordCommand("member", null, new Password("password-reset")))
                .isOk()).isTrue();
        assertThat(authentication.authenticate(laptop, API).isOk()).isFalse();
        assertThat(authentication.authenticate(later, API).isOk()).isFalse();
        assertThat(authentication.authenticate(token, API).isOk()).isTrue();
        assertThat(keys.listByUser(member.user().id(), LoginType.PASSWORD)).isEmpty();
        assertThat(keys.findById(owner.key().id())).isPresent(); // the owner acting keeps their own session
    }

    /** Members change only their own profile, owners anyone's; taken names conflict; each change is audited. */
    @Test
    void updateProfileWhenSelfOrOwnerThenChangedAuditedAndConflictsOrOthersRefused() {
        User renamed = profiles.updateProfile(member, UpdateProfileCommand.of("me", "member-2", null)).value();
        assertThat(renamed.username().value()).isEqualTo("member-2");
        assertThat(renamed.email().value()).isEqualTo("member@example.com");
        assertThat(authentication.authenticate(sessions.login("member@example.com", "password-2", HOME).value().plaintext(), API)
                .value().user().username().value()).isEqualTo("member-2");
        assertThat(profiles.updateProfile(member, UpdateProfileCommand.of("owner", "hijack", null)).error())
                .isInstanceOf(IdentityError.Forbidden.class);
        assertThat(profiles.updateProfile(member, UpdateProfileCommand.of("me", "owner", null)).error())
                .isInstanceOf(IdentityError.Conflict.class);
        assertThat(profiles.updateProfile(owner, UpdateProfileCommand.of("member-2", "member-2", "OWNER@example.com")).error())
                .isInstanceOf(IdentityError.Conflict.class);
        assertThat(users.findById(member.user().id()).orElseThrow().email().value()).isEqualTo("member@example.com");
        assertThat(profiles.updateProfile(owner, UpdateProfileCommand.of("member-2", "member-3", "M3@Example.com")).value()
                .email().value()).isEqualTo("m3@example.com");
        assertThatThrownBy(() -> UpdateProfileCommand.of("me", "Not Valid", null))
                .isInstanceOf(io.portcullis.domain.shared.DomainValidationException.class);
        int entries = auditLog.of(AuditAction.USER_UPDATE).size();
        assertThat(profiles.updateProfile(owner, UpdateProfileCommand.of("member-3", "member-3", null)).isOk()).isTrue();
        var updates = auditLog.of(AuditAction.USER_UPDATE);
        assertThat(updates).hasSize(entries).hasSize(2); // nothing changed: nothing recorded
        assertThat(updates.get(0).event().actor().userId()).contains(member.user().id());
        assertThat(updates.get(0).event().targetId()).contains(member.user().id().toString());
        assertThat(updates.get(0).event().detail()).contains("username=member->member-2");
        assertThat(updates.get(1).event().actor().userId()).contains(owner.user().id());
        assertThat(updates.get(1).event().detail()).contains("username=member-2->member-3 email changed");
        assertThat(updates.toString()).doesNotContain("m3@example.com").doesNotContain("password");
    }

    @Test
    void deleteWhenOwnerThenTheUsersCachedSessionStopsWorking() {
        String session = sessions.login("member@example.com", "password-2", HOME).value().plaintext();
        assertThat(authentication.authenticate(session, API).isOk()).isTrue();
        assertThat(changes.delete(owner, "member").isOk()).isTrue();
        assertThat(authentication.authenticate(session, API).isOk()).isFalse();
        assertThat(changes.delete(member, "owner").error()).isInstanceOf(IdentityError.Forbidden.class);
    }

    @Test
    void deleteWhenOwnerThenUpstreamAccessReadWhileTheUserExistsAndRevokedAfterButNotWhenRefused() {
        assertThat(changes.delete(owner, "me").error()).isInstanceOf(IdentityError.Conflict.class);
        assertThat(changes.delete(member, "owner").error()).isInstanceOf(IdentityError.Forbidden.class);
        assertThat(upstreamAccess).isEmpty();

        changes.delete(owner, "member").value();

        assertThat(upstreamAccess).containsExactly("read true", "revoked false");
    }

    @Test
    void accountChangesWhenMadeThenAuditedWithActorAndTargetButNoPassword() {
        io.portcullis.domain.shared.ClientAddress from = new io.portcullis.domain.shared.ClientAddress("198.51.100.9");
        Principal owner = this.owner.from(from);
        java.util.UUID memberId = member.user().id();
        changes.changePassword(owner, new ChangePasswordCommand("member", null, new Password("password-reset"))).value();
        changes.changeRole(owner, "member", Role.OWNER).value();
        changes.changeRole(owner, "member", Role.MEMBER).value();
        changes.delete(owner, "member").value();

        assertThat(auditLog.of(io.portcullis.domain.audit.AuditAction.USER_PASSWORD)).hasSize(1);
        assertThat(auditLog.of(io.portcullis.domain.audit.AuditAction.USER_ROLE)).extracting(e -> e.event().detail().orElse(""))
                .containsExactly("role=owner", "role=member");
        assertThat(auditLog.of(io.portcullis.domain.audit.AuditAction.USER_DELETE)).hasSize(1);
        for (var action : java.util.List.of(io.portcullis.domain.audit.AuditAction.USER_PASSWORD,
                io.portcullis.domain.audit.AuditAction.USER_ROLE, io.portcullis.domain.audit.AuditAction.USER_DELETE)) {
            for (var entry : auditLog.of(action)) {
                assertThat(entry.event().targetType()).contains("user");
                assertThat(entry.event().targetId()).contains(memberId.toString());
                assertThat(entry.event().actor().userId()).contains(owner.user().id());
                assertThat(entry.event().actor().address()).contains(from);
                assertThat(entry.toString()).doesNotContain("password-reset");
            }
        }
    }

    @Test
    void createFirstWhenUserExistsThenConflict() {
        Result<User, IdentityError> again = firstUser.createFirst(CreateUserCommand.of("x@example.com", "x", "password-3"), null);
        assertThat(again.error()).isInstanceOf(IdentityError.Conflict.class);
        assertThat(owner.user().isOwner()).isTrue();
        assertThat(member.user().isOwner()).isFalse();
    }

    @Test
    void loginWhenUnknownEmailOrWrongPasswordThenSameRefusalAndDecoyHashed() {
        IdentityError unknown = sessions.login("nobody@example.com", "password-1", HOME).error();
        IdentityError wrong = sessions.login("owner@example.com", "password-X", HOME).error();
        assertThat(unknown).isEqualTo(wrong);
        assertThat(hasher.decoys).isEqualTo(1);
        assertThat(sessions.login("not an email", "x", HOME).error()).isEqualTo(wrong);
    }

    @Test
    void loginWhenFiveFailuresFromAnAddressThenThatAddressIsThrottledForFifteenMinutesEvenWithRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertThat(sessions.login("member@example.com", "wrong-" + i, ATTACKER).error())
                    .isInstanceOf(IdentityError.BadCredentials.class);
        }
        IdentityError throttled = sessions.login("MEMBER@example.com", "password-2", ATTACKER).error();
        assertThat(throttled).isInstanceOf(IdentityError.Throttled.class);
        assertThat(((IdentityError.Throttled) throttled).retryAfterSeconds()).isEqualTo(900);
        assertThat(sessions.login("ghost@example.com", "x", ATTACKER).error()).isInstanceOf(IdentityError.BadCredentials.class);
        clock.advance(Duration.ofMinutes(15));
        assertThat(sessions.login("member@example.com", "password-2", ATTACKER).isOk()).isTrue();
    }

    @Test
    void loginWhenAnotherAddressFailedFiveTimesThenTheRightPasswordFromHomeStillSignsIn() {
        for (int i = 0; i < 6; i++) {
            sessions.login("member@example.com", "wrong-" + i, ATTACKER);
        }
        assertThat(sessions.login("member@example.com", "password-2", ATTACKER).error()).isInstanceOf(IdentityError.Throttled.class);
        assertThat(sessions.login("member@example.com", "password-2", HOME).isOk()).isTrue();
    }

    @Test
    void loginWhenThrottledThenTheDecoyHashStillRuns() {
        for (int i = 0; i < 5; i++) {
            sessions.login("member@example.com", "wrong-" + i, ATTACKER);
        }
        int before = hasher.decoys;
        assertThat(sessions.login("member@example.com", "password-2", ATTACKER).error()).isInstanceOf(IdentityError.Throttled.class);
        assertThat(hasher.decoys).isEqualTo(before + 1);
    }

    @Test
    void loginWhenOneAddressSpraysManyAccountsThenTheAddressIsThrottledForEveryAccount() {
        for (int i = 0; i < 30; i++) {
            assertThat(sessions.login("user" + i + "@example.com", "guess", ATTACKER).error())
                    .isInstanceOf(IdentityError.BadCredentials.class);
        }
        assertThat(sessions.login("owner@example.com", "password-1", ATTACKER).error()).isInstanceOf(IdentityError.Throttled.class);
        assertThat(sessions.login("owner@example.com", "password-1", HOME).isOk()).isTrue();
    }

    @Test
    void loginWhenRightPasswordThenEarlierFailuresFromThatAddressAreForgiven() {
        for (int i = 0; i < 4; i++) {
            sessions.login("member@example.com", "wrong-" + i, HOME);
        }
        assertThat(sessions.login("member@example.com", "password-2", HOME).isOk()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(sessions.login("member@example.com", "typo-" + i, HOME).error()).isInstanceOf(IdentityError.BadCredentials.class);
        }
        assertThat(sessions.login("member@example.com", "password-2", HOME).isOk()).isTrue();
    }

    @Test
    void listWhenKeyAllowsOneUserOrKeyThenListsOnlyThose() {
        String memberId = member.user().id().toString();
        String onlyMember = tokens.createToken(owner, "me", new CreateApiTokenCommand("only-member", null, null,
                List.of("user:" + memberId))).value().plaintext();
        Principal narrow = authentication.authenticate(onlyMember, API).value();
        assertThat(accounts.list(narrow).value()).extracting(u -> u.username().value()).containsExactly("member");
        assertThat(accounts.list(owner).value()).hasSize(2);

        String first = tokens.createToken(owner, "me", new CreateApiTokenCommand("first", null, null, null)).value().plaintext();
        String firstId = first.substring(0, 10);
        String oneKey = tokens.createToken(owner, "me", new CreateApiTokenCommand("one-key", null, null,
                List.of("user:" + owner.user().id(), "api_key:" + firstId))).value().plaintext();
        Principal oneKeyPrincipal = authentication.authenticate(oneKey, API).value();
        assertThat(tokens.listTokens(oneKeyPrincipal, "me").value()).extracting(k -> k.id()).containsExactly(firstId);
        assertThat(tokens.listTokens(owner, "me").value()).hasSize(3);
    }

    @Test
    void memberWhenActingOnOthersThenForbiddenWhetherOrNotTheyExist() {
        assertThat(accounts.resolve(member, "owner").error()).isInstanceOf(IdentityError.Forbidden.class);
        assertThat(accounts.resolve(member, "ghost").error()).isInstanceOf(IdentityError.Forbidden.class);
        assertThat(accounts.resolve(owner, "ghost").error()).isInstanceOf(IdentityError.NotFound.class);
        assertThat(accounts.list(member).error()).isInstanceOf(IdentityError.Forbidden.class);
        assertThat(accounts.create(member, CreateUserCommand.of("y@example.com", "y", "password-4")).error())
                .isInstanceOf(IdentityError.Forbidden.class);
        assertThat(accounts.resolve(member, "me").value().username().value()).isEqualTo("member");
    }

    @Test
    void suspendWhenOwnerSuspendsMemberThenMemberCannotAuthenticateOrLogin() {
        String token = tokens.createToken(member, "me", new CreateApiTokenCommand("ci", null, null, null)).value().plaintext();
        assertThat(accounts.changeStatus(owner, "member", UserStatus.SUSPENDED).value().status()).isEqualTo(UserStatus.SUSPENDED);
        AuthenticationFailure failure = authentication.authenticate(token, API).error();
        assertThat(failure).isEqualTo(new AuthenticationFailure.InvalidToken("the account that owns this token is suspended"));
        assertThat(sessions.login("member@example.com", "password-2", HOME).error()).isInstanceOf(IdentityError.Forbidden.class);
        assertThat(accounts.changeStatus(owner, "me", UserStatus.SUSPENDED).error()).isInstanceOf(IdentityError.Invalid.class);
    }

    @Test
    void createTokenWhenNameTakenOrLifetimeTooLongThenRefused() {
        assertThat(tokens.createToken(owner, "me", new CreateApiTokenCommand("ci", null, null, null)).isOk()).isTrue();
        assertThat(tokens.createToken(owner, "me", new CreateApiTokenCommand("ci", null, null, null)).error())
                .isInstanceOf(IdentityError.Conflict.class);
        long tooLong = Duration.ofDays(366).toSeconds();
        assertThat(tokens.createToken(owner, "me", new CreateApiTokenCommand("long", tooLong, null, null)).error())
                .isInstanceOf(IdentityError.Invalid.class);
        assertThat(tokens.listTokens(owner, "me").value()).extracting(k -> k.tokenName()).containsExactly("ci");
    }

    @Test
    void createTokenWhenScopedKeyAsksForWiderScopesThenForbidden() {
        String narrow = tokens.createToken(owner, "me", new CreateApiTokenCommand("narrow", null,
                List.of("api_key:create", "user:read"), null)).value().plaintext();
        Principal narrowPrincipal = authentication.authenticate(narrow, API).value();
        assertThat(tokens.createToken(narrowPrincipal, "me", new CreateApiTokenCommand("wider", null, List.of("all"), null))
                .error()).isInstanceOf(IdentityError.Forbidden.class);
        assertThat(tokens.createToken(narrowPrincipal, "me", new CreateApiTokenCommand("same", null, List.of("user:read"), null))
                .isOk()).isTrue();
    }

    @Test
    void authenticateWhenExpiredThenSaysExpiredAndWhenWrongSecretThenInvalid() {
        IssuedApiKey token = tokens.createToken(owner, "me", new CreateApiTokenCommand("short", 60L, null, null)).value();
        String wrongSecret = token.plaintext().substring(0, 11) + "A".repeat(22);
        assertThat(authentication.authenticate(wrongSecret, API).error())
                .isEqualTo(new AuthenticationFailure.InvalidToken("the access token is invalid or has been revoked"));
        clock.advance(Duration.ofSeconds(61));
        assertThat(((AuthenticationFailure.InvalidToken) authentication.authenticate(token.plaintext(), API).error())
                .description()).startsWith("the access token expired at ");
        assertThat(authentication.authenticate(null, API).error()).isInstanceOf(AuthenticationFailure.Missing.class);
        assertThat(authentication.authenticate("garbage", API).error())
                .isEqualTo(new AuthenticationFailure.InvalidToken("the access token is malformed"));
    }

    @Test
    void authenticateWhenSessionUsedAfterTwoHoursThenExpirySlidesAndLastUsedHourly() {
        IssuedApiKey session = sessions.login("owner@example.com", "password-1", HOME).value();
        String id = session.key().id();
        clock.advance(Duration.ofMinutes(10));
        authentication.authenticate(session.plaintext(), API).value();
        assertThat(keys.findById(id).orElseThrow().lastUsed()).isEqualTo(clock.instant());
        assertThat(users.findByUsername(new io.portcullis.domain.identity.Username("owner")).orElseThrow().lastSeenAt())
                .isEqualTo(clock.instant());
        var lastUsed = clock.instant();
        clock.advance(Duration.ofMinutes(20));
        authentication.authenticate(session.plaintext(), API).value();
        assertThat(keys.findById(id).orElseThrow().lastUsed()).isEqualTo(lastUsed);
        clock.advance(Duration.ofHours(2));
        authentication.authenticate(session.plaintext(), API).value();
        assertThat(keys.findById(id).orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    void authenticateWhenOAuthTokenForAnotherResourceThenAudienceRefusal() {
        IssuedApiKey oauth = factory.mint(owner.user().id(), LoginType.OAUTH2_PROVIDER_APP, clock.instant(),
                Duration.ofHours(1), null, ScopeSet.ALL, AllowList.ANY, Optional.of(ResourceUri.parse("http://localhost:8080/mcp")));
        keys.insert(oauth.key());
        assertThat(authentication.authenticate(oauth.plaintext(), API).error())
                .isEqualTo(new AuthenticationFailure.InvalidToken("the access token's audience does not include this resource"));
        assertThat(authentication.authenticate(oauth.plaintext(), ResourceUri.parse("http://localhost:8080/mcp/x")).isOk()).isTrue();
        clock.advance(Duration.ofMinutes(59));
        authentication.authenticate(oauth.plaintext(), ResourceUri.parse("http://localhost:8080/mcp")).value();
        assertThat(keys.findById(oauth.key().id()).orElseThrow().expiresAt()).isEqualTo(oauth.key().expiresAt());
    }

    @Test
    void deleteWhenKeyOfAnotherUserThenNotFoundAndLogoutEndsSession() {
        IssuedApiKey ownerToken = tokens.createToken(owner, "me", new CreateApiTokenCommand("ci", null, null, null)).value();
        assertThat(tokens.delete(member, "me", ownerToken.key().id()).error()).isInstanceOf(IdentityError.NotFound.class);
        assertThat(tokens.delete(owner, "me", ownerToken.key().id()).isOk()).isTrue();
        assertThat(authentication.authenticate(ownerToken.plaintext(), API).isOk()).isFalse();
        sessions.logout(member);
        assertThat(keys.findById(member.key().id())).isEmpty();
    }
}

package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.CreateApiTokenCommand;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenCommand;
import io.portcullis.application.identity.service.FirstUserService;
import io.portcullis.application.identity.service.ApiKeyService;
import io.portcullis.application.identity.service.OAuthAccessTokenService;
import io.portcullis.application.identity.service.CredentialCache;
import io.portcullis.application.identity.service.RequestAuthenticationService;
import io.portcullis.application.identity.service.SessionService;
import io.portcullis.application.identity.service.SignInThrottle;
import io.portcullis.application.identity.service.UserAccountService;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAttemptCounters;
import io.portcullis.application.shared.InMemoryAuditLog;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.PlainTestHasher;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditOutcome;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginThrottlePolicy;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit entries the identity use cases record (PRODUCT §11), on in-memory adapters. */
class IdentityAuditTest {
    private static final ResourceUri API = ResourceUri.parse("http://localhost:8080");
    private static final ClientAddress HOME = new ClientAddress("203.0.113.1");
    private static final ClientAddress ATTACKER = new ClientAddress("198.51.100.66");
    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final SeededRandom random = new SeededRandom(42);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
    private final ApiKeyFactory factory = new ApiKeyFactory(random);
    private final IdentityPolicy policy = IdentityPolicy.defaults();
    private final CredentialCache cache = new CredentialCache(100);
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(log, clock, new SeededRandom(9));
    private final UserAccountService accounts = new UserAccountService(users, new PlainTestHasher(), UnitOfWork.NONE,
            random, cache, clock, audit);
    private final FirstUserService firstUser = new FirstUserService(users, new PlainTestHasher(), UnitOfWork.NONE, random,
            clock, audit);
    private final SessionService sessions = new SessionService(users, keys, new PlainTestHasher(), factory, policy,
            new SignInThrottle(new InMemoryAttemptCounters(), LoginThrottlePolicy.defaults(), clock), cache, clock,
            UnitOfWork.NONE, audit);
    private final ApiKeyService tokens = new ApiKeyService(accounts, keys, factory, policy, cache, clock, UnitOfWork.NONE,
            audit);
    private final RequestAuthenticationService authentication = new RequestAuthenticationService(keys, users, policy,
            cache, clock);
    private Principal owner;

    @BeforeEach
    void setUp() {
        firstUser.createFirst(CreateUserCommand.of("owner@example.com", "owner", "owner-secret-1"), HOME).value();
        IssuedApiKey session = sessions.login("owner@example.com", "owner-secret-1", HOME).value();
        owner = authentication.authenticate(session.plaintext(), API).value().from(HOME);
    }

    private AuditEntry only(AuditAction action) {
        List<AuditEntry> entries = log.of(action);
        assertThat(entries).as(action.wire()).hasSize(1);
        return entries.get(0);
    }

    private static void assertEntry(AuditEntry entry, Optional<?> actorUser, ClientAddress from, String targetType,
            Object targetId, AuditOutcome outcome) {
        AuditEvent e = entry.event();
        assertThat(e.actor().userId()).isEqualTo(actorUser);
        assertThat(e.actor().address()).contains(from);
        assertThat(e.targetType()).contains(targetType);
        assertThat(e.targetId()).contains(String.valueOf(targetId));
        assertThat(e.outcome()).isEqualTo(outcome);
    }

    private void assertNoEntryContains(String... secrets) {
        for (AuditEntry entry : log.all()) {
            for (String secret : secrets) {
                assertThat(entry.toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void createFirstAndLoginWhenSucceededThenUserCreateAndLoginSuccessRecorded() {
        AuditEntry created = only(AuditAction.USER_CREATE);
        assertEntry(created, Optional.of(owner.user().id()), HOME, "user", owner.user().id(), AuditOutcome.SUCCESS);
        assertThat(created.event().detail().orElse("")).contains("username=owner role=owner");
        assertEntry(only(AuditAction.LOGIN_SUCCESS), Optional.of(owner.user().id()), HOME, "user", owner.user().id(),
                AuditOutcome.SUCCESS);
        assertNoEntryContains("owner-secret-1");
    }

    @Test
    void loginWhenWrongPasswordUnknownAccountOrThrottledThenFailuresRecordedWithoutThePasswords() {
        sessions.login("owner@example.com", "wrong-secret-1", ATTACKER);
        sessions.login("nobody@example.com", "wrong-secret-2", ATTACKER);
        for (int i = 0; i < 5; i++) {
            sessions.login("owner@example.com", "wrong-secret-x" + i, ATTACKER);
        }
        List<AuditEntry> failures = log.of(AuditAction.LOGIN_FAILURE);
        assertEntry(failures.get(0), Optional.empty(), ATTACKER, "user", owner.user().id(), AuditOutcome.FAILURE);
        assertThat(failures.get(0).event().detail().orElse("")).contains("wrong password");
        assertThat(failures.get(1).event().targetId()).isEmpty();
        assertThat(failures.get(1).event().detail().orElse("")).contains("unknown account");
        AuditEntry throttled = log.of(AuditAction.LOGIN_THROTTLED).get(0);
        assertThat(throttled.event().actor().address()).contains(ATTACKER);
        assertThat(throttled.event().outcome()).isEqualTo(AuditOutcome.FAILURE);
        assertNoEntryContains("wrong-secret", "nobody@example.com");
    }

    @Test
    void createUserAndChangeStatusWhenOwnerActsThenEntriesNameOwnerAndTarget() {
        var member = accounts.create(owner, CreateUserCommand.of("m@example.com", "member", "member-secret-1")).value();
        accounts.changeStatus(owner, "member", UserStatus.SUSPENDED).value();
        accounts.changeStatus(owner, "member", UserStatus.ACTIVE).value();
        assertEntry(log.of(AuditAction.USER_CREATE).get(1), Optional.of(owner.user().id()), HOME, "user", member.id(),
                AuditOutcome.SUCCESS);
        assertEntry(only(AuditAction.USER_SUSPEND), Optional.of(owner.user().id()), HOME, "user", member.id(),
                AuditOutcome.SUCCESS);
        assertEntry(only(AuditAction.USER_ACTIVATE), Optional.of(owner.user().id()), HOME, "user", member.id(),
                AuditOutcome.SUCCESS);
        assertNoEntryContains("member-secret-1");
    }

    @Test
    void createAndDeleteApiTokenWhenDoneThenEntriesNameTheKeyButNotItsSecret() {
        IssuedApiKey issued = tokens.createToken(owner, "me", new CreateApiTokenCommand("ci", null, List.of("user:read"),
                null)).value();
        tokens.delete(owner, "me", issued.key().id()).value();
        AuditEntry created = only(AuditAction.API_KEY_CREATE);
        assertEntry(created, Optional.of(owner.user().id()), HOME, "api_key", issued.key().id(), AuditOutcome.SUCCESS);
        assertThat(created.event().detail().orElse("")).contains("name=ci", "scopes=user:read");
        assertEntry(only(AuditAction.API_KEY_DELETE), Optional.of(owner.user().id()), HOME, "api_key", issued.key().id(),
                AuditOutcome.SUCCESS);
        assertNoEntryContains(issued.plaintext(), issued.plaintext().substring(issued.plaintext().length() - 20));
    }

    /** A request made with an OAuth access token: the entry names the user and the client the token was issued to. */
    @Test
    void changeWhenMadeWithOAuthAccessTokenThenEntryCarriesTheClientId() {
        UUID app = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
        String token = new OAuthAccessTokenService(keys, factory, cache, clock).issue(IssueOAuthAccessTokenCommand.forUser(
                owner.user().id(), UUID.fromString("00000000-0000-4000-8000-0000000000b1"), app,
                ScopeSet.of(List.of("user:create")), API, Duration.ofHours(1)));
        Principal viaApp = authentication.authenticate(token, API).value().from(HOME);
        var member = accounts.create(viaApp, CreateUserCommand.of("c@example.com", "via-app", "member-secret-1")).value();
        AuditEntry created = log.of(AuditAction.USER_CREATE).get(1);
        assertEntry(created, Optional.of(owner.user().id()), HOME, "user", member.id(), AuditOutcome.SUCCESS);
        assertThat(created.event().actor().clientId()).contains(app.toString());
        // a session is no OAuth client: no client id
        assertThat(log.of(AuditAction.USER_CREATE).get(0).event().actor().clientId()).isEmpty();
    }

    @Test
    void createUserWhenRefusedThenNothingRecorded() {
        int before = log.all().size();
        accounts.create(owner, CreateUserCommand.of("owner@example.com", "owner2", "owner-secret-2"));
        assertThat(log.all()).hasSize(before);
    }
}

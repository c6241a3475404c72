package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.OidcSignInUseCase;
import io.portcullis.application.identity.service.FirstUserService;
import io.portcullis.application.identity.service.CredentialCache;
import io.portcullis.application.identity.service.OidcAccountLinker;
import io.portcullis.application.identity.service.OidcSignInService;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.PlainTestHasher;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.OidcIdentity;
import io.portcullis.domain.identity.OidcLink;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSettings;
import io.portcullis.domain.identity.OidcSignInError;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in with an OpenID provider: state binding and the linking rules of PRODUCT §8, on in-memory stores. */
class OidcSignInServiceTest {
    static final String ISSUER = "https://idp.example";
    static final String CALLBACK = "http://localhost:8080/login/oidc/corp/callback";
    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final SeededRandom random = new SeededRandom(7);
    private final PlainTestHasher hasher = new PlainTestHasher();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
    private final InMemoryOidcLinkRepository links = new InMemoryOidcLinkRepository();
    private final ScriptedOidcProvider idp = new ScriptedOidcProvider();
    private final FirstUserService firstUser = new FirstUserService(users, hasher, UnitOfWork.NONE, random, clock,
            new io.portcullis.application.shared.AuditTrail(new io.portcullis.application.shared.InMemoryAuditLog(), clock, new io.portcullis.application.testing.SeededRandom(5)));
    private User member;

    @BeforeEach
    void setUp() {
        firstUser.createFirst(CreateUserCommand.of("owner@example.com", "owner", "password-1"),
                new io.portcullis.domain.shared.ClientAddress("192.0.2.1")).value();
        member = new User(random.uuid(), new io.portcullis.domain.identity.Email("ann@corp.example"),
                new io.portcullis.domain.identity.Username("ann"), hasher.hash(new io.portcullis.domain.identity.Password("password-2")), Role.MEMBER,
                io.portcullis.domain.identity.UserStatus.ACTIVE, clock.instant(), null);
        users.insert(member);
    }

    static OidcProvider provider(List<String> domains, boolean autoCreate) {
        return new OidcProvider("corp", ISSUER, "portcullis", Optional.of("secret"), List.of("openid", "email"), "Corp SSO",
                domains, autoCreate);
    }

    private OidcSignInService service(OidcProvider provider) {
        return new OidcSignInService(new OidcSettings(List.of(provider), true, Optional.empty()), idp,
                new OidcAccountLinker(users, links, keys, new ApiKeyFactory(random), IdentityPolicy.defaults(), hasher,
                        UnitOfWork.NONE, random, clock), new TestSealing(), random, clock);
    }

    /** A browser's round trip: start, the person approves at the provider, the callback comes back. */
    private Result<OidcSignInUseCase.SignedIn, OidcSignInError> signIn(OidcSignInService service, OidcIdentity person) {
        idp.person = person;
        OidcSignInUseCase.Started started = service.start("corp", "/after", CALLBACK).value();
        Map<String, String> back = idp.approve(started.authorizationUrl());
        return service.finish("corp", back.get("code"), back.get("state"), started.sealedState(), CALLBACK);
    }

    private static OidcIdentity person(String subject, String email, boolean verified) {
        return new OidcIdentity(ISSUER, subject, Optional.ofNullable(email), verified, Optional.empty());
    }

    @Test
    void finishWhenVerifiedEmailMatchesAnAccountThenLinksItAndIssuesAnOidcSession() {
        OidcSignInUseCase.SignedIn done = signIn(service(provider(List.of(), false)), person("sub-ann", "Ann@Corp.example", true))
                .value();

        assertThat(done.redirect()).isEqualTo("/after");
        assertThat(done.session().key().userId()).isEqualTo(member.id());
        assertThat(done.session().key().loginType()).isEqualTo(LoginType.OIDC);
        OidcLink link = links.find(ISSUER, "sub-ann").orElseThrow();
        assertThat(link.userId()).isEqualTo(member.id());
        assertThat(link.accessToken()).isEqualTo("provider-access-1");
        assertThat(link.refreshToken()).contains("provider-refresh-1");
        assertThat(link.expiresAt()).contains(clock.instant().plusSeconds(3600));
    }

    @Test
    void finishWhenLinkedBySubjectThenThatUserEvenWhenTheProviderNowSaysAnotherUnverifiedEmail() {
        OidcSignInService service = service(provider(List.of(), false));
        signIn(service, person("sub-ann", "ann@corp.example", true)).value();

        OidcSignInUseCase.SignedIn again = signIn(service, person("sub-ann", "owner@example.com", false)).value();

        assertThat(again.session().key().userId()).isEqualTo(member.id());
    }

    @Test
    void finishWhenEmailUnverifiedThenRefusedAndNothingLinked() {
        Result<OidcSignInUseCase.SignedIn, OidcSignInError> refused = signIn(service(provider(List.of(), true)),
                person("sub-ann", "ann@corp.example", false));

        assertThat(refused.error()).isInstanceOf(OidcSignInError.EmailUnverified.class);
        assertThat(refused.error().message()).contains("Corp SSO").contains("verified");
        assertThat(links.find(ISSUER, "sub-ann")).isEmpty();
        assertThat(signIn(service(provider(List.of(), true)), person("sub-x", null, true)).error())
                .isInstanceOf(OidcSignInError.EmailUnverified.class);
    }

    @Test
    void finishWhenDomainNotOnTheAllowListThenRefusedEvenForALinkedAccount() {
        OidcSignInService open = service(provider(List.of(), false));
        signIn(open, person("sub-owner", "owner@example.com", true)).value();
        OidcSignInService corpOnly = service(provider(List.of("CORP.example"), false));

        Result<OidcSignInUseCase.SignedIn, OidcSignInError> refused = signIn(corpOnly, person("sub-owner", "owner@example.com", true));

        assertThat(refused.error()).isEqualTo(new OidcSignInError.DomainNotAllowed("Corp SSO", "owner@example.com"));
        assertThat(refused.error().message()).contains("example.com").contains("Corp SSO");
        assertThat(signIn(corpOnly, person("sub-ann", "ann@corp.example", true)).isOk()).isTrue();
    }

    @Test
    void finishWhenNoAccountAndAutoCreateOffThenRefusalNamingTheEmail() {
        Result<OidcSignInUseCase.SignedIn, OidcSignInError> refused = signIn(service(provider(List.of(), false)),
                person("sub-bob", "bob@corp.example", true));

        assertThat(refused.error()).isEqualTo(new OidcSignInError.NoAccount("Corp SSO", "bob@corp.example"));
        assertThat(users.findByEmail(new io.portcullis.domain.identity.Email("bob@corp.example"))).isEmpty();
    }

    @Test
    void finishWhenNoAccountAndAutoCreateOnThenANewMemberNamedAfterTheEmail() {
        OidcSignInUseCase.SignedIn done = signIn(service(provider(List.of(), true)), person("sub-bob", "Bob.Smith@corp.example", true))
                .value();

        User bob = users.findById(done.session().key().userId()).orElseThrow();
        assertThat(bob.role()).isEqualTo(Role.MEMBER);
        assertThat(bob.email().value()).isEqualTo("bob.smith@corp.example");
        assertThat(bob.username().value()).isEqualTo("bob-smith");
        assertThat(hasher.verify(bob.passwordHash(), "")).isFalse();
    }

    @Test
    void finishWhenStateIsNotTheOneStartedInThisBrowserOrTooOldThenInvalidState() {
        OidcSignInService service = service(provider(List.of(), false));
        idp.person = person("sub-ann", "ann@corp.example", true);
        OidcSignInUseCase.Started mine = service.start("corp", "/", CALLBACK).value();
        OidcSignInUseCase.Started other = service.start("corp", "/", CALLBACK).value();
        Map<String, String> back = idp.approve(mine.authorizationUrl());

        assertThat(service.finish("corp", back.get("code"), back.get("state"), other.sealedState(), CALLBACK).error())
                .isInstanceOf(OidcSignInError.InvalidState.class);
        assertThat(service.finish("corp", back.get("code"), back.get("state"), null, CALLBACK).error())
                .isInstanceOf(OidcSignInError.InvalidState.class);
        assertThat(service.finish("corp", back.get("code"), back.get("state"), "forged", CALLBACK).error())
                .isInstanceOf(OidcSignInError.InvalidState.class);
        clock.advance(Duration.ofMinutes(10));
        assertThat(service.finish("corp", back.get("code"), back.get("state"), mine.sealedState(), CALLBACK).error())
                .isInstanceOf(OidcSignInError.InvalidState.class);
        assertThat(service.start("nope", "/", CALLBACK).error()).isEqualTo(new OidcSignInError.UnknownProvider("nope"));
    }

    @Test
    void finishWhenTheAccountIsSuspendedThenRefused() {
        users.updateStatus(member.id(), io.portcullis.domain.identity.UserStatus.SUSPENDED);

        assertThat(signIn(service(provider(List.of(), false)), person("sub-ann", "ann@corp.example", true)).error())
                .isInstanceOf(OidcSignInError.Suspended.class);
    }
}

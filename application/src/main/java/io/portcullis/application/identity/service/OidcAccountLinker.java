package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.OidcLinkRepository;
import io.portcullis.application.identity.port.out.OidcProviderPort;
import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.OidcIdentity;
import io.portcullis.domain.identity.OidcLink;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSignInError;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides who signed in with a provider (PRODUCT §8): the user linked to (issuer, subject); the first time, the user
 * with the provider's verified e-mail; else a new member when the provider creates users; else a refusal. The
 * provider's allowed e-mail domains apply to every sign-in. Then the link keeps the provider's tokens and a session
 * with login type {@code oidc} is issued.
 */
public final class OidcAccountLinker {
    private final UserRepository users;
    private final OidcLinkRepository links;
    private final ApiKeyRepository keys;
    private final ApiKeyFactory factory;
    private final IdentityPolicy policy;
    private final PasswordHashingPort hasher;
    private final UnitOfWork unitOfWork;
    private final RandomSource random;
    private final Clock clock;

    public OidcAccountLinker(UserRepository users, OidcLinkRepository links, ApiKeyRepository keys, ApiKeyFactory factory,
            IdentityPolicy policy, PasswordHashingPort hasher, UnitOfWork unitOfWork, RandomSource random, Clock clock) {
        this.users = users;
        this.links = links;
        this.keys = keys;
        this.factory = factory;
        this.policy = policy;
        this.hasher = hasher;
        this.unitOfWork = unitOfWork;
        this.random = random;
        this.clock = clock;
    }

    public Result<IssuedApiKey, OidcSignInError> signIn(OidcProvider provider, OidcProviderPort.SignIn signIn) {
        OidcIdentity who = signIn.identity();
        Optional<String> email = who.email().map(e -> e.toLowerCase(Locale.ROOT));
        if (!provider.allowedEmailDomains().isEmpty()
                && (email.isEmpty() || !provider.admitsDomainOf(email.get()))) {
            return email.isEmpty() ? Result.err(new OidcSignInError.EmailUnverified(provider.displayName()))
                    : Result.err(new OidcSignInError.DomainNotAllowed(provider.displayName(), email.get()));
        }
        return unitOfWork.inTransaction(() -> {
            Optional<OidcLink> linked = links.find(who.issuer(), who.subject());
            Result<User, OidcSignInError> user = linked.isPresent()
                    ? users.findById(linked.get().userId()).<Result<User, OidcSignInError>>map(Result::ok)
                            .orElseGet(() -> Result.err(new OidcSignInError.InvalidState()))
                    : firstSignIn(provider, who, email);
            if (!user.isOk()) {
                return Result.err(user.error());
            }
            if (!user.value().isActive()) {
                return Result.err(new OidcSignInError.Suspended());
            }
            Instant now = clock.instant();
            OidcProviderPort.Tokens t = signIn.tokens();
            links.save(new OidcLink(user.value().id(), provider.name(), who.issuer(), who.subject(),
                    email.orElse(user.value().email().value()), t.accessToken(), t.refreshToken(),
                    t.expiresInSeconds().map(now::plusSeconds), now, now));
            IssuedApiKey session = factory.mint(user.value().id(), LoginType.OIDC, now, policy.sessionDuration(), null,
                    ScopeSet.ALL, AllowList.ANY, Optional.empty());
            keys.insert(session.key());
            users.touchLastSeen(user.value().id(), now);
            return Result.ok(session);
        });
    }

    private Result<User, OidcSignInError> firstSignIn(OidcProvider provider, OidcIdentity who, Optional<String> email) {
        if (email.isEmpty() || !who.emailVerified()) {
            return Result.err(new OidcSignInError.EmailUnverified(provider.displayName()));
        }
        Email address;
        try {
            address = new Email(email.get());
        } catch (io.portcullis.domain.shared.DomainValidationException malformed) {
            return Result.err(new OidcSignInError.EmailUnverified(provider.displayName()));
        }
        Optional<User> existing = users.findByEmail(address);
        if (existing.isPresent()) {
            return Result.ok(existing.get());
        }
        if (!provider.autoCreateUsers()) {
            return Result.err(new OidcSignInError.NoAccount(provider.displayName(), address.value()));
        }
        return Result.ok(createMember(address, who.preferredUsername()));
    }

    /** A member whose username comes from the provider (or the e-mail), made unique; the password is random and unknown. */
    private User createMember(Email email, Optional<String> preferred) {
        String base = usernameFrom(preferred.orElse(email.value().substring(0, email.value().indexOf('@'))));
        String unusablePassword = hasher.hash(new io.portcullis.domain.identity.Password(random.alphanumeric(40)));
        for (int attempt = 0; ; attempt++) {
            String candidate = attempt == 0 ? base : trimmed(base, 27) + "-" + random.alphanumeric(4).toLowerCase(Locale.ROOT);
            User user = new User(random.uuid(), email, new Username(candidate), unusablePassword, Role.MEMBER,
                    UserStatus.ACTIVE, clock.instant(), null);
            if (users.insert(user)) {
                return user;
            }
            if (attempt >= 5) {
                throw new IllegalStateException("no free username for a new member");
            }
        }
    }

    static String usernameFrom(String raw) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-|-$", "");
        return s.isEmpty() ? "user" : trimmed(s, 32);
    }

    private static String trimmed(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}

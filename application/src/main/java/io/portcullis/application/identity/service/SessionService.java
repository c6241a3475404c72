package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Password sign-in producing a session key ({@code login_type=password}), and sign-out. */
public final class SessionService implements LoginUseCase {
    private static final IdentityError BAD = new IdentityError.BadCredentials("incorrect e-mail or password");
    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final PasswordHashingPort hasher;
    private final ApiKeyFactory factory;
    private final IdentityPolicy policy;
    private final SignInThrottle throttle;
    private final InvalidateCredentialsUseCase credentials;
    private final Clock clock;
    private final UnitOfWork unitOfWork;
    private final AuditTrail audit;

    public SessionService(UserRepository users, ApiKeyRepository keys, PasswordHashingPort hasher,
            ApiKeyFactory factory, IdentityPolicy policy, SignInThrottle throttle, InvalidateCredentialsUseCase credentials,
            Clock clock, UnitOfWork unitOfWork, AuditTrail audit) {
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.users = users;
        this.keys = keys;
        this.hasher = hasher;
        this.factory = factory;
        this.policy = policy;
        this.throttle = throttle;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public Result<IssuedApiKey, IdentityError> login(String email, String password, ClientAddress from) {
        String account = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
        Optional<java.time.Duration> wait = throttle.admit(account, from);
        // a refusal does the work of a check (the same lookup, one Argon2id of the same cost, one audit transaction):
        // its answer must not be told apart by its speed
        Optional<User> user = lookUp(email);
        String candidate = password == null ? "" : password;
        if (wait.isPresent()) {
            hasher.decoyVerify(candidate);
            long seconds = Math.max(1, wait.get().toSeconds());
            return failed(AuditEvent.of(AuditAction.LOGIN_THROTTLED, AuditActor.anonymous(from)).detail("retry_after=" + seconds + "s"),
                    new IdentityError.Throttled("too many failed sign-ins; try again in " + seconds + " seconds", seconds));
        }
        Result<IssuedApiKey, IdentityError> result = attempt(user, candidate, from);
        // a wrong password stays counted; anything else (signed in, or a suspended account) got the password right
        if (result.isOk() || !(result.error() instanceof IdentityError.BadCredentials)) {
            throttle.succeeded(account, from);
        }
        return result;
    }

    private Optional<User> lookUp(String email) {
        try {
            return users.findByEmail(new Email(email));
        } catch (DomainValidationException malformed) {
            return Optional.empty();
        }
    }

    private Result<IssuedApiKey, IdentityError> attempt(Optional<User> user, String candidate, ClientAddress from) {
        if (user.isEmpty()) {
            hasher.decoyVerify(candidate);
            // the e-mail given is not recorded: it may be anything, a mistyped password included
            return failed(AuditEvent.of(AuditAction.LOGIN_FAILURE, AuditActor.anonymous(from)).detail("unknown account"), BAD);
        }
        AuditEvent onUser = AuditEvent.of(AuditAction.LOGIN_FAILURE, AuditActor.anonymous(from)).target("user", user.get().id());
        if (!hasher.verify(user.get().passwordHash(), candidate)) {
            return failed(onUser.detail("wrong password"), BAD);
        }
        if (!user.get().isActive()) {
            return failed(onUser.detail("account suspended"), new IdentityError.Forbidden("this account is suspended"));
        }
        UUID id = user.get().id();
        IssuedApiKey issued = factory.mint(id, LoginType.PASSWORD, clock.instant(),
                policy.sessionDuration(), null, ScopeSet.ALL, AllowList.ANY, Optional.empty());
        return unitOfWork.inTransaction(() -> {
            keys.insert(issued.key());
            users.touchLastSeen(id, clock.instant());
            audit.record(AuditEvent.of(AuditAction.LOGIN_SUCCESS, AuditActor.user(id, from)).target("user", id));
            return Result.ok(issued);
        });
    }

    private Result<IssuedApiKey, IdentityError> failed(AuditEvent event, IdentityError error) {
        unitOfWork.inTransaction(() -> audit.record(event.failed()));
        return Result.err(error);
    }

    @Override
    public void logout(Principal principal) {
        keys.delete(principal.key().id());
        credentials.keyRevoked(principal.key().id());
    }
}

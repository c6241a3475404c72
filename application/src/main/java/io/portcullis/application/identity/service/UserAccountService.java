package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Owner administration of users and reference resolution, which share the "who may see whom" rule. The first owner
 * is {@link FirstUserService}'s.
 */
public final class UserAccountService implements ManageUsersUseCase {
    private final UserRepository users;
    private final UnitOfWork unitOfWork;
    private final InvalidateCredentialsUseCase credentials;
    private final OwnershipGuard guard;
    private final UserEnrolment enrolment;
    private final AuditTrail audit;

    public UserAccountService(UserRepository users, PasswordHashingPort hasher, UnitOfWork unitOfWork,
            RandomSource random, InvalidateCredentialsUseCase credentials, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.users = users;
        this.unitOfWork = unitOfWork;
        this.credentials = credentials;
        this.guard = new OwnershipGuard(users);
        this.enrolment = new UserEnrolment(hasher, random, clock, audit);
    }

    @Override
    public Result<User, IdentityError> create(Principal actor, CreateUserCommand command) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can create users"));
        }
        User user = enrolment.newUser(command, Role.MEMBER);
        return unitOfWork.inTransaction(() -> {
            if (!users.insert(user)) {
                return Result.err(new IdentityError.Conflict("a user with that e-mail or username already exists"));
            }
            enrolment.recordCreated(actor.auditActor(), user);
            return Result.ok(user);
        });
    }

    @Override
    public Result<List<User>, IdentityError> list(Principal actor) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can list users"));
        }
        // a key whose allow list names some users sees only those
        return Result.ok(users.list().stream().filter(u -> actor.allows("user", u.id().toString())).toList());
    }

    @Override
    public Result<User, IdentityError> resolve(Principal actor, String reference) {
        Optional<User> found = lookup(actor, reference);
        // members get the same answer whether or not another user exists
        if (found.isPresent() && !actor.isOwner() && !found.get().id().equals(actor.user().id())) {
            return Result.err(new IdentityError.Forbidden("you may only act on your own account"));
        }
        if (found.isEmpty()) {
            return actor.isOwner() ? Result.err(new IdentityError.NotFound("user not found"))
                    : Result.err(new IdentityError.Forbidden("you may only act on your own account"));
        }
        if (!actor.allows("user", found.get().id().toString())) {
            return Result.err(new IdentityError.Forbidden("this key's allow list does not include that user"));
        }
        return Result.ok(found.get());
    }

    @Override
    public Result<User, IdentityError> changeStatus(Principal actor, String reference, UserStatus status) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can change a user's status"));
        }
        return resolve(actor, reference).flatMap(user -> {
            if (user.id().equals(actor.user().id()) && status == UserStatus.SUSPENDED) {
                return Result.err(new IdentityError.Invalid("user", "you cannot suspend yourself"));
            }
            return unitOfWork.inTransaction(() -> guard.admit(actor.user().id(), user.id(), u -> u.withStatus(status), "suspend")
                    .map(current -> {
                        users.updateStatus(current.id(), status);
                        audit.record(AuditEvent.of(status == UserStatus.SUSPENDED ? AuditAction.USER_SUSPEND
                                : AuditAction.USER_ACTIVATE, actor.auditActor()).target("user", current.id()));
                        return current.withStatus(status);
                    }));
        }).map(changed -> {
            credentials.userChanged(changed.id());
            return changed;
        });
    }

    private Optional<User> lookup(Principal actor, String reference) {
        if (reference == null || reference.isBlank() || "me".equals(reference)) {
            return Optional.of(actor.user()); // read when the caller was authenticated: not read twice per request
        }
        try {
            return users.findById(UUID.fromString(reference));
        } catch (IllegalArgumentException notUuid) {
            if (!reference.matches("[a-z0-9-]{1,32}")) {
                return Optional.empty();
            }
            return users.findByUsername(new Username(reference));
        }
    }

    /** The scope an endpoint acting on users needs. */
    public static Scope scope(String action) {
        return Scope.of("user", action);
    }
}

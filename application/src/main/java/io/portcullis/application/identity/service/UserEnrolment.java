package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.shared.RandomSource;
import java.time.Clock;
import java.util.Locale;

/**
 * How an account comes to be, for the first owner ({@link FirstUserService}) and for the members owners create
 * ({@link UserAccountService}): a fresh id, the password hashed, active from now, and {@code user.create} recorded.
 */
final class UserEnrolment {
    private final PasswordHashingPort hasher;
    private final RandomSource random;
    private final Clock clock;
    private final AuditTrail audit;

    UserEnrolment(PasswordHashingPort hasher, RandomSource random, Clock clock, AuditTrail audit) {
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.audit = audit;
    }

    User newUser(CreateUserCommand command, Role role) {
        return new User(random.uuid(), command.email(), command.username(), hasher.hash(command.password()), role,
                UserStatus.ACTIVE, clock.instant(), null);
    }

    /** Call inside the creating transaction. */
    void recordCreated(AuditActor actor, User user) {
        audit.record(AuditEvent.of(AuditAction.USER_CREATE, actor).target("user", user.id())
                .detail("username=" + user.username().value() + " role=" + user.role().name().toLowerCase(Locale.ROOT)));
    }
}

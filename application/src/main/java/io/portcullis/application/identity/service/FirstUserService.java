package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.CreateFirstUserUseCase;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import java.time.Clock;

/**
 * The first owner of a deployment, created by anyone holding the setup code (checked at the edge). Exactly one wins a
 * race: the store inserts the first user only while there is none.
 */
public final class FirstUserService implements CreateFirstUserUseCase {
    private final UserRepository users;
    private final UnitOfWork unitOfWork;
    private final UserEnrolment enrolment;

    public FirstUserService(UserRepository users, PasswordHashingPort hasher, UnitOfWork unitOfWork, RandomSource random,
            Clock clock, AuditTrail audit) {
        this.users = users;
        this.unitOfWork = unitOfWork;
        this.enrolment = new UserEnrolment(hasher, random, clock, audit);
    }

    @Override
    public boolean firstUserExists() {
        return users.any();
    }

    @Override
    public Result<User, IdentityError> createFirst(CreateUserCommand command, ClientAddress from) {
        if (users.any()) {
            return Result.err(new IdentityError.Conflict("the first user already exists"));
        }
        User user = enrolment.newUser(command, Role.OWNER);
        return unitOfWork.inTransaction(() -> {
            if (!users.insertFirst(user)) {
                return Result.err(new IdentityError.Conflict("the first user already exists"));
            }
            enrolment.recordCreated(AuditActor.anonymous(from).withUser(user.id()), user);
            return Result.ok(user);
        });
    }
}

package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;

/** Bootstraps the deployment: the first user becomes its owner; refused once any user exists. */
public interface CreateFirstUserUseCase {
    boolean firstUserExists();

    Result<User, IdentityError> createFirst(CreateUserCommand command);
}

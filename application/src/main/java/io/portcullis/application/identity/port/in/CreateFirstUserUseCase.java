package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;

/** Bootstraps the deployment: the first user becomes its owner; refused once any user exists. */
public interface CreateFirstUserUseCase {
    boolean firstUserExists();

    /** {@code from}: the client address of the request, for the audit log (null when there is none). */
    Result<User, IdentityError> createFirst(CreateUserCommand command, ClientAddress from);
}

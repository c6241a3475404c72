package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.shared.Result;
import java.util.List;

/** Owner administration of users, and lookup of a user by id, username or {@code me}. */
public interface ManageUsersUseCase {
    Result<User, IdentityError> create(Principal actor, CreateUserCommand command);

    Result<List<User>, IdentityError> list(Principal actor);

    /** Resolves {@code me}, a uuid or a username; members may resolve only themselves. */
    Result<User, IdentityError> resolve(Principal actor, String reference);

    Result<User, IdentityError> changeStatus(Principal actor, String reference, UserStatus status);
}

package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;

/** A user's profile (username, e-mail): owners update anyone's, members only their own. */
public interface UpdateProfileUseCase {
    /** Conflict when the username or e-mail belongs to someone else; audited {@code user.update} when something changed. */
    Result<User, IdentityError> updateProfile(Principal actor, UpdateProfileCommand command);
}

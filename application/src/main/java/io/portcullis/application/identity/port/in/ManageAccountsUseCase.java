package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;

/**
 * Account changes (PRODUCT §8 "Accounts"): password change and reset, roles, deletion. The last active owner can be
 * neither demoted nor deleted (nor suspended, see {@link ManageUsersUseCase#changeStatus}).
 */
public interface ManageAccountsUseCase {
    /** Self with the old password; owners reset members' passwords without it. */
    Result<User, IdentityError> changePassword(Principal actor, ChangePasswordCommand command);

    /** Owners only. */
    Result<User, IdentityError> changeRole(Principal actor, String reference, Role role);

    /** Owners only; ends every key, session, grant and upstream token of the user. */
    Result<User, IdentityError> delete(Principal actor, String reference);
}

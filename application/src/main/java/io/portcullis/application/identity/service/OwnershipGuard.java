package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The rule that the deployment keeps at least one active owner. Runs inside the changing transaction: it takes the
 * store's ownership lock, then re-reads the acting owner and the target (either may have changed while waiting), and
 * refuses a change that would leave no active owner. Two owners demoting each other at once are thus serialised: the
 * second sees the first's demotion and is refused.
 */
final class OwnershipGuard {
    private final UserRepository users;

    OwnershipGuard(UserRepository users) {
        this.users = users;
    }

    /** The target as it is now, if {@code change} may be applied to it by {@code actorId}; call inside a transaction. */
    Result<User, IdentityError> admit(UUID actorId, UUID targetId, UnaryOperator<User> change, String what) {
        users.lockOwnership();
        boolean actorStillOwner = users.findById(actorId).map(User::isActiveOwner).orElse(false);
        if (!actorStillOwner) {
            return Result.err(new IdentityError.Forbidden("only active owners can " + what + " a user"));
        }
        User target = users.findById(targetId).orElse(null);
        if (target == null) {
            return Result.err(new IdentityError.NotFound("user not found"));
        }
        User after = change.apply(target);
        if (target.isActiveOwner() && (after == null || !after.isActiveOwner()) && users.countActiveOwners() <= 1) {
            return Result.err(new IdentityError.Conflict("the last active owner cannot be " + pastTense(what)
                    + "; make another user an owner first"));
        }
        return Result.ok(target);
    }

    private static String pastTense(String what) {
        return switch (what) {
            case "suspend" -> "suspended";
            case "demote" -> "demoted";
            default -> what + "d";
        };
    }
}

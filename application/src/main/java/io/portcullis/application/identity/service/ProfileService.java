package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.in.UpdateProfileCommand;
import io.portcullis.application.identity.port.in.UpdateProfileUseCase;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Username and e-mail changes. Who may change whom is {@link ManageUsersUseCase#resolve}'s rule (members: only
 * themselves); uniqueness is the store's (e-mail case-insensitive, as it is kept lower-cased). A change is audited
 * {@code user.update} in its transaction, naming what changed: the old and new username, and only that the e-mail
 * changed (an address is personal data, not something an audit reader needs).
 */
public final class ProfileService implements UpdateProfileUseCase {
    private final UserRepository users;
    private final ManageUsersUseCase lookup;
    private final UnitOfWork unitOfWork;
    private final InvalidateCredentialsUseCase credentials;
    private final AuditTrail audit;

    public ProfileService(UserRepository users, ManageUsersUseCase lookup, UnitOfWork unitOfWork,
            InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        this.users = users;
        this.lookup = lookup;
        this.unitOfWork = unitOfWork;
        this.credentials = credentials;
        this.audit = audit;
    }

    @Override
    public Result<User, IdentityError> updateProfile(Principal actor, UpdateProfileCommand command) {
        return lookup.resolve(actor, command.user()).flatMap(user -> {
            Email email = command.email().orElse(user.email());
            List<String> changed = new ArrayList<>();
            if (!user.username().equals(command.username())) {
                changed.add("username=" + user.username().value() + "->" + command.username().value());
            }
            if (!user.email().equals(email)) {
                changed.add("email changed");
            }
            if (changed.isEmpty()) {
                return Result.ok(user);
            }
            Result<User, IdentityError> result = unitOfWork.inTransaction(() -> {
                if (!users.updateProfile(user.id(), command.username(), email)) {
                    return Result.err(new IdentityError.Conflict("a user with that e-mail or username already exists"));
                }
                audit.record(AuditEvent.of(AuditAction.USER_UPDATE, actor.auditActor()).target("user", user.id())
                        .detail(String.join(" ", changed)));
                return Result.ok(user.withProfile(command.username(), email));
            });
            if (result.isOk()) {
                credentials.userChanged(user.id()); // a cached principal holds the old name
            }
            return result;
        });
    }
}

package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.ChangePasswordCommand;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.ManageAccountsUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.application.identity.port.out.UpstreamAccessPort;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.Result;

/**
 * Password change and reset, roles and deletion of accounts (PRODUCT §8 "Accounts"); each change is audited in its own
 * transaction ({@code user.password}, {@code user.role}, {@code user.delete}). A deleted user's upstream MCP tokens are
 * revoked at their upstreams once the deletion has committed.
 */
public final class AccountChangesService implements ManageAccountsUseCase {
    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final ManageUsersUseCase lookup;
    private final PasswordHashingPort hasher;
    private final UnitOfWork unitOfWork;
    private final InvalidateCredentialsUseCase credentials;
    private final OwnershipGuard guard;
    private final AuditTrail audit;
    private final UpstreamAccessPort upstream;

    public AccountChangesService(UserRepository users, ApiKeyRepository keys, ManageUsersUseCase lookup,
            PasswordHashingPort hasher, UnitOfWork unitOfWork, InvalidateCredentialsUseCase credentials, AuditTrail audit,
            UpstreamAccessPort upstream) {
        this.audit = audit;
        this.upstream = upstream;
        this.keys = keys;
        this.users = users;
        this.lookup = lookup;
        this.hasher = hasher;
        this.unitOfWork = unitOfWork;
        this.credentials = credentials;
        this.guard = new OwnershipGuard(users);
    }

    @Override
    public Result<User, IdentityError> changePassword(Principal actor, ChangePasswordCommand command) {
        return lookup.resolve(actor, command.user()).flatMap(user -> {
            boolean self = user.id().equals(actor.user().id());
            if (self) {
                String old = command.oldPassword();
                // always a full verification, so a wrong and a missing old password take the same time
                if (!hasher.verify(user.passwordHash(), old == null ? "" : old)) {
                    return Result.err(new IdentityError.Invalid("old_password", "is not your current password"));
                }
            } else if (!actor.isOwner()) {
                return Result.err(new IdentityError.Forbidden("you may only change your own password"));
            } else if (user.isOwner()) {
                return Result.err(new IdentityError.Forbidden("owners change their own passwords; another owner cannot"
                        + " reset them"));
            }
            String hash = hasher.hash(command.newPassword());
            unitOfWork.inTransaction(() -> {
                users.updatePassword(user.id(), hash);
                // the user's other sessions end; a self-change keeps the session making it
                keys.deleteSessions(user.id(), self ? actor.key().id() : null);
                audit.record(AuditEvent.of(AuditAction.USER_PASSWORD, actor.auditActor()).target("user", user.id())
                        .detail(self ? "changed by the user" : "reset by an owner"));
                return null;
            });
            credentials.userChanged(user.id());
            return Result.ok(user.withPasswordHash(hash));
        });
    }

    @Override
    public Result<User, IdentityError> changeRole(Principal actor, String reference, Role role) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can change roles"));
        }
        return lookup.resolve(actor, reference).flatMap(found -> unitOfWork.inTransaction(() ->
                guard.admit(actor.user().id(), found.id(), u -> u.withRole(role), "demote").map(user -> {
                    users.updateRole(user.id(), role);
                    audit.record(AuditEvent.of(AuditAction.USER_ROLE, actor.auditActor()).target("user", user.id())
                            .detail("role=" + role.wire()));
                    return user.withRole(role);
                }))).map(this::evicted);
    }

    @Override
    public Result<User, IdentityError> delete(Principal actor, String reference) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can delete users"));
        }
        return lookup.resolve(actor, reference).flatMap(found -> unitOfWork.inTransaction(() ->
                guard.admit(actor.user().id(), found.id(), u -> null, "delete").map(user -> {
                    Runnable revokeUpstream = upstream.revocationOfAll(user.id()); // read before the cascade takes them
                    users.delete(user.id()); // cascades to keys, sessions, grants, tokens and upstream tokens
                    audit.record(AuditEvent.of(AuditAction.USER_DELETE, actor.auditActor()).target("user", user.id())
                            .detail("username=" + user.username().value()));
                    return new Deleted(user, revokeUpstream);
                }))).map(deleted -> {
                    deleted.revokeUpstream().run(); // committed: the upstreams may now be told, best effort
                    return evicted(deleted.user());
                });
    }

    private record Deleted(User user, Runnable revokeUpstream) {
    }

    /** This replica's cache drops the user once the change is committed; others hear it from the store's trigger. */
    private User evicted(User user) {
        credentials.userChanged(user.id());
        return user;
    }
}

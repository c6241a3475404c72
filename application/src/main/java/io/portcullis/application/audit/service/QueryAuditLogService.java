package io.portcullis.application.audit.service;

import io.portcullis.application.audit.port.in.AuditLogQuery;
import io.portcullis.application.audit.port.in.QueryAuditLogUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.shared.port.out.AuditLogRepository;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditError;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the audit log for owners; a {@code user} filter is a user id, or a username resolved through identity. */
public final class QueryAuditLogService implements QueryAuditLogUseCase {
    private final AuditLogRepository log;
    private final ManageUsersUseCase users;

    public QueryAuditLogService(AuditLogRepository log, ManageUsersUseCase users) {
        this.log = log;
        this.users = users;
    }

    @Override
    public Result<List<AuditEntry>, AuditError> query(Principal actor, AuditLogQuery query) {
        if (!actor.isOwner()) {
            return Result.err(new AuditError.Forbidden("only owners can read the audit log"));
        }
        Optional<UUID> user = query.user().flatMap(Uuids::parse); // ids of deleted users still filter
        if (query.user().isPresent() && user.isEmpty()) {
            var resolved = users.resolve(actor, query.user().get());
            if (!resolved.isOk()) {
                return Result.err(new AuditError.Invalid("user", "no such user"));
            }
            user = Optional.of(resolved.value().id());
        }
        return Result.ok(log.find(query.filter(user)));
    }
}

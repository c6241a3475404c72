package io.portcullis.adapters.http.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.application.audit.port.in.AuditLogQuery;
import io.portcullis.application.audit.port.in.QueryAuditLogUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditError;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/**
 * The audit log (PRODUCT §11), owners only: newest first; filters {@code action}, {@code user} (id or username, as
 * actor or as the user acted on), {@code since} (inclusive) and {@code until} (exclusive); pages of {@code limit}
 * (default 50, at most 500); the next page is {@code after} = the last id of this one.
 */
@Controller("/api/v2/audit-logs")
@Tag(name = "audit")
public final class AuditLogsController {
    private final QueryAuditLogUseCase auditLog;

    public AuditLogsController(QueryAuditLogUseCase auditLog) {
        this.auditLog = auditLog;
    }

    @Get
    @RequiresScope("user:read")
    @Operation(summary = "Read the audit log (owners), newest first",
            description = "Keyset paging: pass the id of the last entry of a page as `after` to read the next one; "
                    + "a page shorter than `limit` is the last.")
    List<Entry> list(@Parameter(hidden = true) Principal principal,
            @Parameter(description = "one action, e.g. login.failure") @QueryValue @Nullable String action,
            @Parameter(description = "a user id or username: entries by that user or about that user")
            @QueryValue @Nullable String user,
            @Parameter(description = "RFC 3339 date-time, inclusive") @QueryValue @Nullable String since,
            @Parameter(description = "RFC 3339 date-time, exclusive") @QueryValue @Nullable String until,
            @Parameter(description = "entries per page, 1-500, default 50") @QueryValue @Nullable String limit,
            @Parameter(description = "id of the last entry of the previous page") @QueryValue @Nullable String after) {
        Result<List<AuditEntry>, AuditError> found = auditLog.query(principal,
                AuditLogQuery.parse(action, user, since, until, limit, after));
        if (!found.isOk()) {
            throw refusal(found.error());
        }
        return found.value().stream().map(Entry::of).toList();
    }

    private static ApiException refusal(AuditError error) {
        if (error instanceof AuditError.Invalid invalid) {
            return ApiException.validation(invalid.field(), invalid.message());
        }
        return new ApiException(HttpStatus.FORBIDDEN, new ApiError(error.message()));
    }

    /** One entry as the API shows it; absent parts are {@code null}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Entry(String id, Instant time, String action, String actor_user_id, String actor_client_id,
            String client_address, String target_type, String target_id, String outcome, String detail) {
        static Entry of(AuditEntry entry) {
            AuditEvent e = entry.event();
            return new Entry(entry.id().toString(), entry.time(), e.action().wire(),
                    e.actor().userId().map(Object::toString).orElse(null), e.actor().clientId().orElse(null),
                    e.actor().address().map(ClientAddress::value).orElse(null), e.targetType().orElse(null),
                    e.targetId().orElse(null), e.outcome().wire(), e.detail().orElse(null));
        }
    }
}

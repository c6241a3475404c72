package io.portcullis.application.audit.port.in;

import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditFilter;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Uuids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit log's query as it arrives ({@code GET /api/v2/audit-logs}): every parameter optional; {@code user} is a
 * user id or username; {@code since}/{@code until} RFC 3339 date-times; {@code after} the last entry id of the
 * previous page. Values that cannot be read are refused on construction, naming the parameter.
 */
public record AuditLogQuery(Optional<AuditAction> action, Optional<String> user, Optional<Instant> since,
        Optional<Instant> until, int limit, Optional<UUID> after) {
    public AuditLogQuery {
        DomainValidationException.require(limit >= 1 && limit <= AuditFilter.MAX_LIMIT, "limit",
                "must be between 1 and " + AuditFilter.MAX_LIMIT);
        DomainValidationException.require(since.isEmpty() || until.isEmpty() || since.get().isBefore(until.get()),
                "until", "must be later than since");
    }

    public static AuditLogQuery parse(String action, String user, String since, String until, String limit, String after) {
        return new AuditLogQuery(
                present(action).map(a -> AuditAction.fromWire(a).orElseThrow(
                        () -> new DomainValidationException("action", "unknown action '" + shorten(a) + "'"))),
                present(user), present(since).map(s -> instant("since", s)), present(until).map(u -> instant("until", u)),
                present(limit).map(AuditLogQuery::limit).orElse(AuditFilter.DEFAULT_LIMIT),
                present(after).map(a -> Uuids.parse(a).orElseThrow(
                        () -> new DomainValidationException("after", "must be the id of an audit entry"))));
    }

    public AuditFilter filter(Optional<UUID> userId) {
        return new AuditFilter(action, userId, since, until, limit, after);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    private static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new DomainValidationException(field, "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z");
        }
    }

    private static int limit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DomainValidationException("limit", "must be between 1 and " + AuditFilter.MAX_LIMIT);
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

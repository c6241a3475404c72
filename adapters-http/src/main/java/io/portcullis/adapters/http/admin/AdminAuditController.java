package io.portcullis.adapters.http.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.pages.PageResponses;
import io.portcullis.application.audit.port.in.AuditLogQuery;
import io.portcullis.application.audit.port.in.QueryAuditLogUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditError;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditOutcome;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Result;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Console: the audit log with filters (action, user, since/until) and keyset paging, on the audit query in-port. */
@Controller("/admin/audit")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public final class AdminAuditController {
    private static final int PAGE = 50;
    private final AdminGate gate;
    private final QueryAuditLogUseCase auditLog;
    private final ManageUsersUseCase users;

    public AdminAuditController(AdminGate gate, QueryAuditLogUseCase auditLog, ManageUsersUseCase users) {
        this.gate = gate;
        this.auditLog = auditLog;
        this.users = users;
    }

    @Get(produces = PageResponses.HTML)
    HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String action, @Nullable @QueryValue String user,
            @Nullable @QueryValue String since, @Nullable @QueryValue String until, @Nullable @QueryValue String after) {
        return AdminGate.either(gate.enter(request), e -> {
            AdminViews.Frame frame = new AdminViews.Frame(e.csrfToken(), e.owner().user().username().value(), "audit");
            List<String> actions = Arrays.stream(AuditAction.values()).map(AuditAction::wire).sorted().toList();
            String error = null;
            List<AuditEntry> entries = List.of();
            HttpStatus status = HttpStatus.OK;
            try {
                Result<List<AuditEntry>, AuditError> found = auditLog.query(e.owner(), AuditLogQuery.parse(action, user,
                        rfc3339(since), rfc3339(until), String.valueOf(PAGE), after));
                if (found.isOk()) {
                    entries = found.value();
                } else {
                    error = Notices.sentence(found.error().message());
                    status = found.error() instanceof AuditError.Invalid ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN;
                }
            } catch (DomainValidationException invalid) {
                error = Notices.invalid(invalid);
                status = HttpStatus.BAD_REQUEST;
            }
            Result<List<User>, IdentityError> people = users.list(e.owner());
            Map<UUID, String> names = people.isOk() ? people.value().stream()
                    .collect(Collectors.toMap(User::id, u -> u.username().value())) : Map.of();
            List<AdminViews.AuditRow> rows = entries.stream().map(entry -> row(entry, names)).toList();
            String next = entries.size() < PAGE ? null : nextPage(action, user, since, until, entries.get(entries.size() - 1).id());
            return gate.page(e, status, "admin/audit", new AdminViews.AuditPage(frame, actions, orEmpty(action), orEmpty(user),
                    orEmpty(since), orEmpty(until), rows, next, error));
        });
    }

    private static AdminViews.AuditRow row(AuditEntry entry, Map<UUID, String> names) {
        AuditEvent ev = entry.event();
        String actor = ev.actor().userId().map(id -> names.getOrDefault(id, id.toString()))
                .or(() -> ev.actor().clientId().map(c -> "client " + c)).orElse("anonymous");
        String target = ev.targetType().map(t -> t + " " + ev.targetId().map(id -> "user".equals(t)
                ? names.getOrDefault(parse(id), id) : id).orElse("")).orElse("");
        return new AdminViews.AuditRow(Notices.date(entry.time()), ev.action().wire(), actor,
                ev.actor().address().map(a -> a.value()).orElse(null), target, ev.outcome().wire(),
                ev.outcome() == AuditOutcome.SUCCESS, ev.detail().orElse(null));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The browser's datetime-local value (no zone; shown as UTC) as RFC 3339; anything else is passed on to be refused. */
    private static String rfc3339(String local) {
        if (local == null || local.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).atOffset(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException notLocal) {
            return local;
        }
    }

    private static String nextPage(String action, String user, String since, String until, UUID last) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("action", action);
        q.put("user", user);
        q.put("since", since);
        q.put("until", until);
        q.put("after", last.toString());
        return "/admin/audit?" + q.entrySet().stream().filter(en -> en.getValue() != null && !en.getValue().isEmpty())
                .map(en -> en.getKey() + "=" + URLEncoder.encode(en.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

package io.portcullis.domain.audit;

import io.portcullis.domain.shared.DomainValidationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which entries to read, newest first: optionally one action, one user (as actor or as target), a time range
 * ({@code since} inclusive, {@code until} exclusive), at most {@code limit} entries, those older than entry
 * {@code after} (keyset paging: pass the last id of the previous page).
 */
public record AuditFilter(Optional<AuditAction> action, Optional<UUID> user, Optional<Instant> since,
        Optional<Instant> until, int limit, Optional<UUID> after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public AuditFilter {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(after, "after");
        DomainValidationException.require(limit >= 1 && limit <= MAX_LIMIT, "limit",
                "must be between 1 and " + MAX_LIMIT);
    }

    /** Everything, newest first, {@link #DEFAULT_LIMIT} at a time. */
    public static AuditFilter latest() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT,
                Optional.empty());
    }

    public boolean matches(AuditEntry entry) {
        AuditEvent e = entry.event();
        return action.map(a -> a == e.action()).orElse(true)
                && user.map(u -> e.actor().userId().equals(Optional.of(u))
                        || (e.targetType().equals(Optional.of("user")) && e.targetId().equals(Optional.of(u.toString()))))
                        .orElse(true)
                && since.map(s -> !entry.time().isBefore(s)).orElse(true)
                && until.map(u -> entry.time().isBefore(u)).orElse(true);
    }
}

package io.portcullis.application.shared;

import io.portcullis.application.shared.port.out.AuditLogRepository;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The audit log in memory, for application tests; honest to {@link AuditLogRepositoryContract}. */
public final class InMemoryAuditLog implements AuditLogRepository {
    // ids compare as PostgreSQL compares uuids: unsigned, byte by byte (the same order as their text)
    static final Comparator<AuditEntry> NEWEST_FIRST = Comparator.comparing(AuditEntry::time)
            .thenComparing((AuditEntry e) -> e.id().toString()).reversed();
    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void append(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> find(AuditFilter filter) {
        Optional<AuditEntry> after = filter.after().flatMap(id -> entries.stream().filter(e -> e.id().equals(id)).findFirst());
        if (filter.after().isPresent() && after.isEmpty()) {
            return List.of();
        }
        return entries.stream().filter(filter::matches)
                .filter(e -> after.map(a -> NEWEST_FIRST.compare(e, a) > 0).orElse(true))
                .sorted(NEWEST_FIRST).limit(filter.limit()).toList();
    }

    @Override
    public synchronized int deleteBefore(Instant cutoff) {
        int before = entries.size();
        entries.removeIf(e -> e.time().isBefore(cutoff));
        return before - entries.size();
    }

    /** Every entry in the order recorded. */
    public synchronized List<AuditEntry> all() {
        return List.copyOf(entries);
    }

    /** The entries of one action, in the order recorded. */
    public synchronized List<AuditEntry> of(AuditAction action) {
        return entries.stream().filter(e -> e.event().action() == action).toList();
    }
}

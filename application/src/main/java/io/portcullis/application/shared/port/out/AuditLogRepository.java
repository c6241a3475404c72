package io.portcullis.application.shared.port.out;

import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditFilter;
import java.time.Instant;
import java.util.List;

/**
 * The audit log (PRODUCT §11). {@link #append} joins the transaction in progress, so an entry is kept exactly when
 * the change it records is.
 */
public interface AuditLogRepository {
    void append(AuditEntry entry);

    /** Entries matching {@code filter}, newest first (time, then id, descending), at most {@code filter.limit()}. */
    List<AuditEntry> find(AuditFilter filter);

    /** Deletes entries recorded before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff);
}

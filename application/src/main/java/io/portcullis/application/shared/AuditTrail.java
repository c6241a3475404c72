package io.portcullis.application.shared;

import io.portcullis.application.shared.port.out.AuditLogRepository;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.shared.RandomSource;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * What use cases call to record an audit event: stamps it with an id and the time and appends it to the log. Call it
 * inside the use case's {@link UnitOfWork} transaction, so the entry and the change commit or roll back together; a
 * refusal that is not a change (a failed sign-in, a detected refresh reuse) is recorded in a transaction that commits.
 */
public final class AuditTrail {
    private final AuditLogRepository log;
    private final Clock clock;
    private final RandomSource random;

    public AuditTrail(AuditLogRepository log, Clock clock, RandomSource random) {
        this.log = log;
        this.clock = clock;
        this.random = random;
    }

    public AuditEntry record(AuditEvent event) {
        // microseconds: what PostgreSQL keeps, so paging compares the time that was stored
        AuditEntry entry = new AuditEntry(random.uuid(), clock.instant().truncatedTo(ChronoUnit.MICROS), event);
        log.append(entry);
        return entry;
    }
}

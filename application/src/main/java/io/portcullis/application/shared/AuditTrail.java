package io.portcullis.application.shared;

import io.portcullis.application.shared.port.out.AuditLogRepository;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.shared.RandomSource;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What use cases call to record an audit event (PRODUCT §11): stamps it with an id and the time and appends it to the
 * log. {@link #record} joins the transaction in progress (call it inside the use case's {@link UnitOfWork}, so the
 * entry and the change commit or roll back together) or, outside one, commits on its own — the way refusals that
 * change nothing (a failed sign-in) are recorded. {@link #recording} runs a change and its entry in one transaction.
 */
public final class AuditTrail {
    private final AuditLogRepository log;
    private final Clock clock;
    private final RandomSource random;
    private final UnitOfWork unitOfWork;

    public AuditTrail(AuditLogRepository log, Clock clock, RandomSource random, UnitOfWork unitOfWork) {
        this.log = log;
        this.clock = clock;
        this.random = random;
        this.unitOfWork = unitOfWork;
    }

    /** Without transactions: for in-memory adapters in tests. */
    public AuditTrail(AuditLogRepository log, Clock clock, RandomSource random) {
        this(log, clock, random, UnitOfWork.NONE);
    }

    public AuditEntry record(AuditEvent event) {
        // microseconds: what PostgreSQL keeps, so paging compares the time that was stored
        AuditEntry entry = new AuditEntry(random.uuid(), clock.instant().truncatedTo(ChronoUnit.MICROS), event);
        return unitOfWork.inTransaction(() -> {
            log.append(entry);
            return entry;
        });
    }

    /**
     * Runs {@code change} and records {@code event.apply(result)} in one transaction; an event of {@code null} (the
     * change was refused) records nothing. Either write failing rolls back both.
     */
    public <T> T recording(Supplier<T> change, Function<? super T, AuditEvent> event) {
        return unitOfWork.inTransaction(() -> {
            T result = change.get();
            AuditEvent happened = event.apply(result);
            if (happened != null) {
                record(happened);
            }
            return result;
        });
    }
}

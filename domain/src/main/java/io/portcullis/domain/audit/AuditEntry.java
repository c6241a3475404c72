package io.portcullis.domain.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A stored audit entry: an {@link AuditEvent} with its id and the time it was recorded. */
public record AuditEntry(UUID id, Instant time, AuditEvent event) {
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
    }
}

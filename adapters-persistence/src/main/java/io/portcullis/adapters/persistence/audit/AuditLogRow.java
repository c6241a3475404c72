package io.portcullis.adapters.persistence.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditOutcome;
import io.portcullis.domain.shared.ClientAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code audit_log}, and its mapping to and from {@link AuditEntry}. */
@MappedEntity("audit_log")
record AuditLogRow(@Id UUID id, Instant time, String action, @Nullable UUID actorUserId, @Nullable String actorClientId,
        @Nullable String clientAddress, @Nullable String targetType, @Nullable String targetId, String outcome,
        @Nullable String detail) {

    static AuditLogRow of(AuditEntry entry) {
        AuditEvent e = entry.event();
        return new AuditLogRow(entry.id(), entry.time(), e.action().wire(), e.actor().userId().orElse(null),
                e.actor().clientId().orElse(null), e.actor().address().map(ClientAddress::value).orElse(null),
                e.targetType().orElse(null), e.targetId().orElse(null), e.outcome().wire(), e.detail().orElse(null));
    }

    AuditEntry toEntry() {
        AuditActor actor = new AuditActor(Optional.ofNullable(actorUserId), Optional.ofNullable(actorClientId),
                Optional.ofNullable(clientAddress).map(ClientAddress::new));
        AuditEvent event = new AuditEvent(AuditAction.fromWire(action).orElseThrow(
                () -> new IllegalStateException("unknown audit action in the log: " + action)), actor,
                Optional.ofNullable(targetType), Optional.ofNullable(targetId), AuditOutcome.fromWire(outcome).orElseThrow(),
                Optional.ofNullable(detail));
        return new AuditEntry(id, time, event);
    }
}

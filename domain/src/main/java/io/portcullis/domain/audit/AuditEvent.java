package io.portcullis.domain.audit;

import io.portcullis.domain.shared.DomainValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a use case records: the action, who did it, on what, and whether it took effect. Built fluently, e.g.
 * {@code AuditEvent.of(AuditAction.USER_CREATE, actor).target("user", id).detail("role=member")}; id and time are
 * stamped when it is recorded. {@code detail} is short free text for people and must never hold a secret.
 */
public record AuditEvent(AuditAction action, AuditActor actor, Optional<String> targetType, Optional<String> targetId,
        AuditOutcome outcome, Optional<String> detail) {
    public static final int MAX_DETAIL = 500;
    public static final int MAX_TARGET = 300;

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(outcome, "outcome");
        DomainValidationException.require(targetType.map(t -> t.length() <= 40).orElse(true), "target_type", "too long");
        DomainValidationException.require(targetId.map(t -> t.length() <= MAX_TARGET).orElse(true), "target_id", "too long");
        detail = detail.map(d -> d.length() <= MAX_DETAIL ? d : d.substring(0, MAX_DETAIL));
    }

    /** A successful {@code action} by {@code actor}, no target yet. */
    public static AuditEvent of(AuditAction action, AuditActor actor) {
        return new AuditEvent(action, actor, Optional.empty(), Optional.empty(), AuditOutcome.SUCCESS, Optional.empty());
    }

    /** The thing acted on: a type ({@code user}, {@code api_key}, {@code oauth2_client}, …) and its id. */
    public AuditEvent target(String type, Object id) {
        return new AuditEvent(action, actor, Optional.of(type), Optional.ofNullable(id).map(String::valueOf), outcome, detail);
    }

    /** Words for people; never a secret. */
    public AuditEvent detail(String text) {
        return new AuditEvent(action, actor, targetType, targetId, outcome, Optional.ofNullable(text));
    }

    public AuditEvent failed() {
        return new AuditEvent(action, actor, targetType, targetId, AuditOutcome.FAILURE, detail);
    }

    public AuditEvent by(AuditActor who) {
        return new AuditEvent(action, who, targetType, targetId, outcome, detail);
    }
}

package io.portcullis.domain.audit;

import java.util.Arrays;
import java.util.Optional;

/** Whether the recorded action took effect ({@code success}) or was refused or caught ({@code failure}). */
public enum AuditOutcome {
    SUCCESS("success"),
    FAILURE("failure");

    private final String wire;

    AuditOutcome(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AuditOutcome> fromWire(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(wire)).findFirst();
    }
}

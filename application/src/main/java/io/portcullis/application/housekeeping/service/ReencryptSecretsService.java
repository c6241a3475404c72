package io.portcullis.application.housekeeping.service;

import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.housekeeping.port.in.ReencryptSecretsUseCase;
import io.portcullis.application.housekeeping.port.out.SealedValuesPort;
import java.util.Map;

/** Runs the re-sealing; the store decides which values are sealed under an old key. */
public final class ReencryptSecretsService implements ReencryptSecretsUseCase {
    private final SealedValuesPort sealed;
    private final AuditTrail audit;

    public ReencryptSecretsService(SealedValuesPort sealed, AuditTrail audit) {
        this.sealed = sealed;
        this.audit = audit;
    }

    @Override
    public Map<String, Integer> reencrypt() {
        // one transaction: every value re-sealed and the entry recorded, or nothing
        return audit.recording(sealed::resealAll, counts -> AuditEvent.of(AuditAction.KEYS_REENCRYPT, AuditActor.SYSTEM)
                .detail("resealed=" + counts.values().stream().mapToInt(Integer::intValue).sum()));
    }
}

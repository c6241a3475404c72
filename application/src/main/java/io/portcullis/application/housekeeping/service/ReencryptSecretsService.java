package io.portcullis.application.housekeeping.service;

import io.portcullis.application.housekeeping.port.in.ReencryptSecretsUseCase;
import io.portcullis.application.housekeeping.port.out.SealedValuesPort;
import java.util.Map;

/** Runs the re-sealing; the store decides which values are sealed under an old key. */
public final class ReencryptSecretsService implements ReencryptSecretsUseCase {
    private final SealedValuesPort sealed;

    public ReencryptSecretsService(SealedValuesPort sealed) {
        this.sealed = sealed;
    }

    @Override
    public Map<String, Integer> reencrypt() {
        return sealed.resealAll();
    }
}

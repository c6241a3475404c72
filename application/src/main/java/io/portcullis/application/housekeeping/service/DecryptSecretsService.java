package io.portcullis.application.housekeeping.service;

import io.portcullis.application.housekeeping.port.in.DecryptSecretsUseCase;
import io.portcullis.application.housekeeping.port.out.SealedValuesPort;
import java.util.Map;

/** Stores every sealed value in clear again; the store does it in one transaction. */
public final class DecryptSecretsService implements DecryptSecretsUseCase {
    private final SealedValuesPort sealed;

    public DecryptSecretsService(SealedValuesPort sealed) {
        this.sealed = sealed;
    }

    @Override
    public Map<String, Integer> decrypt() {
        return sealed.unsealAll();
    }
}

package io.portcullis.application.housekeeping.service;

import io.portcullis.application.housekeeping.port.in.DeleteSecretsUseCase;
import io.portcullis.application.housekeeping.port.out.SealedValuesPort;
import java.util.Map;

/** Drops what no configured key can open; the store does it in one transaction. */
public final class DeleteSecretsService implements DeleteSecretsUseCase {
    private final SealedValuesPort sealed;

    public DeleteSecretsService(SealedValuesPort sealed) {
        this.sealed = sealed;
    }

    @Override
    public Map<String, Integer> delete() {
        return sealed.deleteUnopenable();
    }
}

package io.portcullis.application.housekeeping.service;

import io.portcullis.application.housekeeping.port.in.CheckSealingKeysUseCase;
import io.portcullis.application.housekeeping.port.out.SealedValuesPort;
import java.util.List;

/** Asks the store to open one value per sealing key it holds; the keys that fail are the missing ones. */
public final class CheckSealingKeysService implements CheckSealingKeysUseCase {
    private final SealedValuesPort sealed;

    public CheckSealingKeysService(SealedValuesPort sealed) {
        this.sealed = sealed;
    }

    @Override
    public List<String> missingKeyIds() {
        return sealed.unopenableKeyIds();
    }
}

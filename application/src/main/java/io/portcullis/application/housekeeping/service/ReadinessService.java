package io.portcullis.application.housekeeping.service;

import io.portcullis.application.housekeeping.port.in.CheckReadinessUseCase;
import io.portcullis.application.housekeeping.port.out.StoreHealthPort;

/** Ready while the store answers. */
public final class ReadinessService implements CheckReadinessUseCase {
    private final StoreHealthPort store;

    public ReadinessService(StoreHealthPort store) {
        this.store = store;
    }

    @Override
    public boolean ready() {
        return store.reachable();
    }
}

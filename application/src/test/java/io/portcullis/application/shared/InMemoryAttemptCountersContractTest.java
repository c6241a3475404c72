package io.portcullis.application.shared;

import io.portcullis.application.shared.port.out.AttemptCounterPort;

/** Runs the attempt counter contract against the in-memory adapter. */
class InMemoryAttemptCountersContractTest extends AttemptCounterContract {
    @Override
    protected AttemptCounterPort newCounters() {
        return new InMemoryAttemptCounters();
    }
}

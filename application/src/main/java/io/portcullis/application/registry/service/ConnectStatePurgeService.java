package io.portcullis.application.registry.service;

import io.portcullis.application.registry.port.in.PurgeExpiredConnectStatesUseCase;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import java.time.Instant;

/**
 * A connect state lives ten minutes and is taken when the user comes back; one whose user never came back can never
 * be used again (taking it refuses it as expired), so it goes as soon as it has expired.
 */
public final class ConnectStatePurgeService implements PurgeExpiredConnectStatesUseCase {
    private final UpstreamAuthStateRepository states;

    public ConnectStatePurgeService(UpstreamAuthStateRepository states) {
        this.states = states;
    }

    @Override
    public int purgeExpiredConnectStates(Instant now) {
        return states.deleteExpiredBefore(now);
    }
}

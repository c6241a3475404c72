package io.portcullis.application.registry.port.in;

import java.time.Instant;

/** Housekeeping: removes the states of upstream connect flows that expired unfinished (PRODUCT §5, issue 11). */
public interface PurgeExpiredConnectStatesUseCase {
    /** Deletes states that expired before {@code now}; returns how many. */
    int purgeExpiredConnectStates(Instant now);
}

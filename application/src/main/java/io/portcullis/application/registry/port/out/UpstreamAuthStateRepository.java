package io.portcullis.application.registry.port.out;

import io.portcullis.domain.registry.UpstreamAuthState;
import io.portcullis.domain.shared.SecretDigest;
import java.util.Optional;

/** Pending upstream authorizations, found by the digest of their state parameter. */
public interface UpstreamAuthStateRepository {
    void insert(UpstreamAuthState state);

    /** Removes and returns the state, atomically: a state can be taken once. */
    Optional<UpstreamAuthState> take(SecretDigest stateDigest);

    /** Housekeeping: deletes states that expired before {@code cutoff} (connect flows never finished); how many. */
    int deleteExpiredBefore(java.time.Instant cutoff);
}

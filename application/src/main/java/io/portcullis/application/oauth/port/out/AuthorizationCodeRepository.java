package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.AuthorizationCode;
import java.time.Instant;
import java.util.Optional;

/** Store of authorization codes (digests only). */
public interface AuthorizationCodeRepository {
    void insert(AuthorizationCode code);

    Optional<AuthorizationCode> findByPrefix(String prefix);

    /** Marks the code used if and only if it was unused, atomically; true for exactly one caller. */
    boolean markUsed(String prefix, Instant at);

    /** Housekeeping: deletes codes that expired before {@code cutoff}; returns how many. */
    int deleteExpiredBefore(Instant cutoff);
}

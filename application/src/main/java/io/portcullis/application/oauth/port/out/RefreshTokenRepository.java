package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.RefreshToken;
import java.time.Instant;
import java.util.Optional;

/** Store of refresh tokens (digests only). */
public interface RefreshTokenRepository {
    void insert(RefreshToken token);

    Optional<RefreshToken> findByPrefix(String prefix);

    /** Marks the token rotated if and only if it was not yet, atomically; true for exactly one caller. */
    boolean markRotated(String prefix, Instant at);

    /** Housekeeping: deletes refresh tokens (rotated or not) that expired before {@code cutoff}; returns how many. */
    int deleteExpiredBefore(Instant cutoff);
}

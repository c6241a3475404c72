package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.RefreshToken;
import java.time.Instant;
import java.util.Optional;

/** Store of refresh tokens (digests only). */
public interface RefreshTokenRepository {
    void insert(RefreshToken token);

    Optional<RefreshToken> findByPrefix(String prefix);

    /**
     * The token and its grant, taking the grant's row lock first (held until the transaction ends): every change to
     * a grant and its tokens locks the grant first, so refresh, reuse detection and revocation of one grant take
     * turns instead of deadlocking. Empty when the token or its grant is gone.
     */
    Optional<OfGrant> findLockingGrant(String prefix);

    /**
     * Marks the token {@code prefix} rotated at {@code at} and stores {@code next} in its place, in one statement, if
     * and only if it was not rotated yet; true for exactly one caller (nothing is stored for the others).
     */
    boolean rotate(String prefix, Instant at, RefreshToken next);

    /** Housekeeping: deletes refresh tokens (rotated or not) that expired before {@code cutoff}; returns how many. */
    int deleteExpiredBefore(Instant cutoff);

    /** A refresh token with the grant it belongs to. */
    record OfGrant(RefreshToken token, Grant grant) {
    }
}

package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.RefreshToken;
import io.portcullis.domain.shared.SecretDigest;
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

    /**
     * The refresh grant's store work in one statement: takes the lock of the grant of token {@code prefix} first (as
     * {@link #findLockingGrant}), then marks the token rotated at {@code at} if and only if it was not rotated yet, and
     * in that case stores {@code next} in the same grant. Returns the token as it was and its grant; the token's
     * {@code rotatedAt} is empty exactly when this call rotated it (for exactly one of any number of callers), and
     * otherwise present. Empty when the token or its grant is gone. A caller that then refuses the request calls
     * {@link #undoRotation} in the same transaction.
     */
    Optional<OfGrant> rotateLockingGrant(String prefix, Instant at, Successor next);

    /** Reverts {@link #rotateLockingGrant} of this transaction: the token is unrotated and {@code nextPrefix} removed. */
    void undoRotation(String prefix, String nextPrefix);

    /** Housekeeping: deletes refresh tokens (rotated or not) that expired before {@code cutoff}; returns how many. */
    int deleteExpiredBefore(Instant cutoff);

    /** A refresh token with the grant it belongs to. */
    record OfGrant(RefreshToken token, Grant grant) {
    }

    /** The successor a rotation stores: in the rotated token's grant, created at the rotation. */
    record Successor(String prefix, SecretDigest digest, Instant expiresAt) {
    }
}

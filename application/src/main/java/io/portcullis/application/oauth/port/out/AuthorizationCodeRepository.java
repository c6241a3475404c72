package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.RefreshToken;
import java.time.Instant;
import java.util.Optional;

/** Store of authorization codes (digests only). */
public interface AuthorizationCodeRepository {
    void insert(AuthorizationCode code);

    Optional<AuthorizationCode> findByPrefix(String prefix);

    /**
     * The code, taking its row lock (held until the transaction ends): concurrent redemptions of one code take turns,
     * and the code's lock comes before the lock of the grant it becomes.
     */
    Optional<AuthorizationCode> findLocking(String prefix);

    /**
     * Marks the code used at {@code at} if and only if it was unused and, in the same statement, stores the grant it
     * became and the grant's first refresh token (when the client gets one); true for exactly one caller.
     */
    boolean redeem(String prefix, Instant at, Grant grant, Optional<RefreshToken> firstRefreshToken);

    /** Housekeeping: deletes codes that expired before {@code cutoff}; returns how many. */
    int deleteExpiredBefore(Instant cutoff);
}

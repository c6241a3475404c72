package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.Grant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Store of grants; deleting a grant deletes its refresh tokens and access tokens. */
public interface GrantRepository {
    void insert(Grant grant);

    Optional<Grant> findById(UUID id);

    /** The grant, taking its row lock (held until the transaction ends); see {@link RefreshTokenRepository#findLockingGrant}. */
    Optional<Grant> findLocking(UUID id);

    List<Grant> listByUser(UUID userId);

    /** Every user's grants, newest first, at most {@code limit}. */
    List<Grant> listRecent(int limit);

    boolean delete(UUID id);

    /** Revokes whatever a (replayed) code minted. */
    void deleteByCodePrefix(String codePrefix);

    int deleteByUserAndClient(UUID userId, UUID clientId);

    /** Housekeeping: deletes grants created before {@code cutoff} that have no refresh or access token left. */
    int deleteExhaustedBefore(java.time.Instant cutoff);
}

package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.ResourceAccessToken;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Live access tokens issued for registered resources; deleting a grant or client deletes its tokens. */
public interface ResourceAccessTokenRepository {
    void insert(ResourceAccessToken token);

    /** By {@code jti}. */
    Optional<ResourceAccessToken> findById(UUID id);

    /** An opaque token by its prefix. */
    Optional<ResourceAccessToken> findByPrefix(String prefix);

    boolean delete(UUID id);

    /**
     * Every token and every grant whose audience is {@code audience} (the resource was deleted or moved), so that
     * no refresh can mint a token for it any more.
     */
    int deleteIssuedFor(ResourceUri audience);

    /** Housekeeping: tokens that expired before {@code cutoff}. */
    int deleteExpiredBefore(Instant cutoff);
}

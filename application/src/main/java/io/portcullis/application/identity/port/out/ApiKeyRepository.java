package io.portcullis.application.identity.port.out;

import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Store of API keys (only digests of secrets). */
public interface ApiKeyRepository {
    /** Inserts; false when the owner already has a token of that name. */
    boolean insert(ApiKey key);

    /**
     * Inserts an OAuth access token ({@code oauth2_provider_app}, unnamed, so nothing can refuse it). Nothing in the
     * issuing transaction reads it back, so a store may send the insert with that transaction's commit; it exists
     * once the transaction (or, outside one, this call) has ended. Any other key is an {@link IllegalArgumentException}.
     */
    void insertAccessToken(ApiKey key);

    Optional<ApiKey> findById(String id);

    /** The key and its owner in one read: the authentication hot path. */
    Optional<KeyWithOwner> findWithOwner(String id);

    List<ApiKey> listByUser(UUID userId, LoginType loginType);

    boolean delete(String id);

    void deleteByUser(UUID userId);

    /** Ends the user's sessions (password and OIDC sign-ins), all but {@code exceptKeyId} when it is not null. */
    int deleteSessions(UUID userId, String exceptKeyId);

    void recordUse(String id, Instant lastUsed, Instant expiresAt);

    /** {@code owner} is null for a client_credentials token, which belongs to a client and no user. */
    record KeyWithOwner(ApiKey key, User owner) {
    }

    /** Housekeeping: deletes keys that expired before {@code cutoff}; returns how many. */
    int deleteExpiredBefore(Instant cutoff);
}

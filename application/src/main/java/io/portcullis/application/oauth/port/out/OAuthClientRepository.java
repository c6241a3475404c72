package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.OAuthClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Store of OAuth clients (apps). Deleting one deletes its secrets, codes, grants and their tokens. */
public interface OAuthClientRepository {
    void insert(OAuthClient client);

    Optional<OAuthClient> findById(UUID id);

    List<OAuthClient> list();

    void update(OAuthClient client);

    boolean delete(UUID id);

    /** Inserts or refreshes a client described by a metadata document (same id, new metadata and fetch time). */
    void saveDocumentClient(OAuthClient client);

    /**
     * Housekeeping: deletes clients that registered themselves (RFC 7591) or came from a metadata document,
     * were last changed before {@code cutoff}, and hold no grant and no code; returns how many.
     */
    int deleteUnusedSelfRegisteredBefore(java.time.Instant cutoff);
}

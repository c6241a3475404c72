package io.portcullis.application.registry.port.out;

import io.portcullis.domain.registry.UpstreamToken;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Each user's tokens for each upstream MCP server, sealed at rest by the adapter. */
public interface UpstreamTokenRepository {
    void save(UpstreamToken token);

    Optional<UpstreamToken> find(UUID serverId, UUID userId);

    List<UpstreamToken> listByUser(UUID userId);

    boolean delete(UUID serverId, UUID userId);

    void deleteByServer(UUID serverId);

    /** Sets the scope the user's connection needs on top (step-up), leaving the tokens as they are. */
    void markStepUp(UUID serverId, UUID userId, String scope);

    /** Like {@link #find}, holding a lock on the row until the surrounding transaction ends (one refresh at a time). */
    Optional<UpstreamToken> findForUpdate(UUID serverId, UUID userId);
}

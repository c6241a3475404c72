package io.portcullis.domain.registry;

import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.UUID;

/**
 * A pending connect of one user to one upstream server: the state (stored as its digest) binds the callback
 * to them, and the PKCE verifier waits for the code. Single use, ten minutes.
 */
public record UpstreamAuthState(SecretDigest stateDigest, UUID serverId, UUID userId, String codeVerifier,
        Instant expiresAt) {
    @Override
    public String toString() {
        return "UpstreamAuthState[" + serverId + ", " + userId + "]";
    }
}

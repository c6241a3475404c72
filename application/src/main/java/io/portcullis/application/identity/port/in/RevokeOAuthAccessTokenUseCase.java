package io.portcullis.application.identity.port.in;

import java.util.UUID;
import java.util.function.Predicate;

/** Revokes an OAuth access token at the authorization server's request (RFC 7009 §2.1). */
public interface RevokeOAuthAccessTokenUseCase {
    /**
     * Deletes the access token {@code presented} when it is a valid OAuth access token and {@code grantAccepted}
     * accepts the grant it belongs to (the revoking client must own it); anything else is ignored.
     */
    void revoke(String presented, Predicate<UUID> grantAccepted);

    /** Deletes {@code presented} when it is a client_credentials token of {@code clientId}; anything else is ignored. */
    void revokeClientToken(String presented, UUID clientId);
}

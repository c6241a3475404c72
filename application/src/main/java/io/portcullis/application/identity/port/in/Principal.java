package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.identity.User;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling: the authenticated user and the key they presented — or, for a client_credentials token at the API,
 * the client alone ({@code user} null, {@link #isClient()}): the HTTP edge admits such a principal only on routes
 * that need no user, so use-case code behind every other route always has a user.
 */
public record Principal(User user, ApiKey key) {
    public boolean hasScope(Scope needed) {
        return key.scopes().permits(needed);
    }

    public boolean allows(String resource, String id) {
        return key.allowList().allows(resource, id);
    }

    public boolean isOwner() {
        return user != null && user.isOwner();
    }

    /** A client acting for itself (client_credentials), not a user. */
    public boolean isClient() {
        return user == null;
    }

    /** The OAuth client the key was issued to, when it is an OAuth access token that records it. */
    public Optional<UUID> clientId() {
        return key.clientId();
    }
}

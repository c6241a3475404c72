package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.identity.User;

/** Who is calling: the authenticated user and the key they presented. */
public record Principal(User user, ApiKey key) {
    public boolean hasScope(Scope needed) {
        return key.scopes().permits(needed);
    }

    public boolean allows(String resource, String id) {
        return key.allowList().allows(resource, id);
    }

    public boolean isOwner() {
        return user.isOwner();
    }
}

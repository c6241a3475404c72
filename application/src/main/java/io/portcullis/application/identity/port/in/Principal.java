package io.portcullis.application.identity.port.in;

import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ClientAddress;
import java.util.Optional;

/**
 * Who is calling: the authenticated user and the key they presented, and the client address the request came from
 * (resolved at the edge with the trusted-proxies rule, PRODUCT §12; empty where no request is involved).
 */
public record Principal(User user, ApiKey key, Optional<ClientAddress> from) {
    public Principal(User user, ApiKey key) {
        this(user, key, Optional.empty());
    }

    /** The same caller, seen arriving from {@code address}. */
    public Principal from(ClientAddress address) {
        return new Principal(user, key, Optional.of(address));
    }

    /** The caller as an audit entry names it: the user and the client address. */
    public AuditActor auditActor() {
        return new AuditActor(Optional.of(user.id()), Optional.empty(), from);
    }

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

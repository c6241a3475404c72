package io.portcullis.application.identity.port.in;

import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.shared.ClientAddress;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling: the authenticated user and the key they presented — or, for a client_credentials token at the API,
 * the client alone ({@code user} null, {@link #isClient()}): the HTTP edge admits such a principal only on routes
 * that need no user, so use-case code behind every other route always has a user — and the client address the
 * request came from (resolved at the edge with the trusted-proxies rule, PRODUCT §12; empty where no request is
 * involved).
 */
public record Principal(User user, ApiKey key, Optional<ClientAddress> from) implements java.security.Principal {
    public Principal(User user, ApiKey key) {
        this(user, key, Optional.empty());
    }

    /** The same caller, seen arriving from {@code address}. */
    public Principal from(ClientAddress address) {
        return new Principal(user, key, Optional.of(address));
    }

    /**
     * The caller as an audit entry names it: the user (none for a client acting for itself), the OAuth client when the
     * request came with an access token issued to one, and the client address.
     */
    public AuditActor auditActor() {
        return new AuditActor(isClient() ? Optional.empty() : Optional.of(user.id()), clientId().map(UUID::toString), from);
    }

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

    /**
     * The caller's name: the user's username, or for a client acting for itself its client id. (A
     * {@link java.security.Principal}, which is also how API description generators know it is not a request
     * parameter.)
     */
    @Override
    public String getName() {
        return isClient() ? clientId().map(UUID::toString).orElse(key.id()) : user.username().value();
    }
}

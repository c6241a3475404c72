package io.portcullis.domain.audit;

import io.portcullis.domain.shared.ClientAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who did it and from where: the signed-in user, the OAuth client acting (its {@code client_id}), and the client
 * address the edge resolved (PRODUCT §12). Any part may be unknown: a failed sign-in has no user, a command run on
 * the host no address.
 */
public record AuditActor(Optional<UUID> userId, Optional<String> clientId, Optional<ClientAddress> address) {
    /** Nobody in particular: a command run on the host, a background job. */
    public static final AuditActor SYSTEM = new AuditActor(Optional.empty(), Optional.empty(), Optional.empty());

    public AuditActor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(address, "address");
    }

    public static AuditActor user(UUID userId, ClientAddress address) {
        return new AuditActor(Optional.of(userId), Optional.empty(), Optional.ofNullable(address));
    }

    public static AuditActor client(String clientId, ClientAddress address) {
        return new AuditActor(Optional.empty(), Optional.of(clientId), Optional.ofNullable(address));
    }

    public static AuditActor anonymous(ClientAddress address) {
        return new AuditActor(Optional.empty(), Optional.empty(), Optional.ofNullable(address));
    }

    public AuditActor withUser(UUID user) {
        return new AuditActor(Optional.ofNullable(user), clientId, address);
    }

    public AuditActor withClient(String client) {
        return new AuditActor(userId, Optional.ofNullable(client), address);
    }
}

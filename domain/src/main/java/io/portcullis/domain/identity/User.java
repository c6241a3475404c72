package io.portcullis.domain.identity;

import java.time.Instant;
import java.util.UUID;

/** A person who signs in; the password is held only as a slow hash (PHC string). */
public record User(UUID id, Email email, Username username, String passwordHash, Role role, UserStatus status,
        Instant createdAt, Instant lastSeenAt) {

    public boolean isOwner() {
        return role == Role.OWNER;
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    public User withStatus(UserStatus next) {
        return new User(id, email, username, passwordHash, role, next, createdAt, lastSeenAt);
    }
}

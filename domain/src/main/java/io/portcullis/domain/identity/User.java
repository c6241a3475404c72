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

    public User withRole(Role next) {
        return new User(id, email, username, passwordHash, next, status, createdAt, lastSeenAt);
    }

    public User withProfile(Username nextUsername, Email nextEmail) {
        return new User(id, nextEmail, nextUsername, passwordHash, role, status, createdAt, lastSeenAt);
    }

    public User withPasswordHash(String next) {
        return new User(id, email, username, next, role, status, createdAt, lastSeenAt);
    }

    /** An active owner: the deployment must always keep at least one. */
    public boolean isActiveOwner() {
        return isOwner() && isActive();
    }
}

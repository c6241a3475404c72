package io.portcullis.application.identity.port.out;

import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Store of users; e-mail and username are unique (the store enforces it too). */
public interface UserRepository {
    boolean any();

    /** Inserts; false when the e-mail or username is taken. */
    boolean insert(User user);

    /** Inserts only when no user exists yet, atomically; false otherwise. */
    boolean insertFirst(User user);

    Optional<User> findById(UUID id);

    Optional<User> findByEmail(Email email);

    Optional<User> findByUsername(Username username);

    List<User> list();

    void updateStatus(UUID id, UserStatus status);

    void touchLastSeen(UUID id, Instant at);

    void updatePassword(UUID id, String passwordHash);

    /** Sets username and e-mail; false (nothing changed) when another user has either. */
    boolean updateProfile(UUID id, Username username, Email email);

    void updateRole(UUID id, io.portcullis.domain.identity.Role role);

    /** Deletes the user and, with it, every key, session, grant and upstream token; false when there was none. */
    boolean delete(UUID id);

    /**
     * Serialises, until the current transaction ends, every change that could take away an active owner, so that
     * two owners demoting each other at once cannot leave none. Call first, then re-read and count.
     */
    void lockOwnership();

    long countActiveOwners();
}

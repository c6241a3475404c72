package io.portcullis.application.identity;

import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory {@link UserRepository}; kept honest by {@code UserRepositoryContract}. */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<UUID, User> users = new LinkedHashMap<>();

    @Override
    public synchronized boolean any() {
        return !users.isEmpty();
    }

    @Override
    public synchronized boolean insert(User user) {
        boolean taken = users.values().stream().anyMatch(u -> u.email().equals(user.email())
                || u.username().equals(user.username()) || u.id().equals(user.id()));
        if (taken) {
            return false;
        }
        users.put(user.id(), user);
        return true;
    }

    @Override
    public synchronized boolean insertFirst(User user) {
        return users.isEmpty() && insert(user);
    }

    @Override
    public synchronized Optional<User> findById(UUID id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized Optional<User> findByEmail(Email email) {
        return users.values().stream().filter(u -> u.email().equals(email)).findFirst();
    }

    @Override
    public synchronized Optional<User> findByUsername(Username username) {
        return users.values().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    @Override
    public synchronized List<User> list() {
        List<User> out = new ArrayList<>(users.values());
        out.sort(Comparator.comparing(User::createdAt).thenComparing(u -> u.username().value()));
        return out;
    }

    @Override
    public synchronized void updateStatus(UUID id, UserStatus status) {
        users.computeIfPresent(id, (k, u) -> u.withStatus(status));
    }

    @Override
    public synchronized void touchLastSeen(UUID id, Instant at) {
        users.computeIfPresent(id, (k, u) -> new User(u.id(), u.email(), u.username(), u.passwordHash(), u.role(),
                u.status(), u.createdAt(), at));
    }

    @Override
    public synchronized void updatePassword(UUID id, String passwordHash) {
        users.computeIfPresent(id, (k, u) -> u.withPasswordHash(passwordHash));
    }

    @Override
    public synchronized boolean updateProfile(UUID id, Username username, Email email) {
        boolean taken = users.values().stream().anyMatch(u -> !u.id().equals(id)
                && (u.email().equals(email) || u.username().equals(username)));
        if (taken) {
            return false;
        }
        users.computeIfPresent(id, (k, u) -> u.withProfile(username, email));
        return true;
    }

    @Override
    public synchronized void updateRole(UUID id, Role role) {
        users.computeIfPresent(id, (k, u) -> u.withRole(role));
    }

    @Override
    public synchronized boolean delete(UUID id) {
        return users.remove(id) != null;
    }

    @Override
    public void lockOwnership() {
        // one process, synchronized methods: nothing to serialise across replicas
    }

    @Override
    public synchronized long countActiveOwners() {
        return users.values().stream().filter(User::isActiveOwner).count();
    }
}

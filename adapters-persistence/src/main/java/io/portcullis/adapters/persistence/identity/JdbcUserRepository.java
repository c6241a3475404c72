package io.portcullis.adapters.persistence.identity;

import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users in table {@code app_user}. */
@Singleton
public final class JdbcUserRepository implements UserRepository {
    private final UserRowRepository rows;
    private final JdbcUnitOfWork unitOfWork;

    JdbcUserRepository(UserRowRepository rows, JdbcUnitOfWork unitOfWork) {
        this.rows = rows;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public boolean any() {
        return rows.any();
    }

    @Override
    public boolean insert(User user) {
        return unitOfWork.insertUnlessDuplicate(() -> rows.insert(row(user)));
    }

    @Override
    public boolean insertFirst(User user) {
        // the advisory lock serialises concurrent first-user requests; NOT EXISTS then decides
        return unitOfWork.inTransaction(() -> {
            rows.lockFirstUser();
            return rows.insertIfNone(user.id(), user.email().value(), user.username().value(), user.passwordHash(),
                    user.role().wire(), user.status().wire(), user.createdAt(), user.lastSeenAt()) == 1;
        });
    }

    @Override
    public Optional<User> findById(UUID id) {
        return rows.findById(id).map(JdbcUserRepository::user);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return rows.findByEmail(email.value()).map(JdbcUserRepository::user);
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return rows.findByUsername(username.value()).map(JdbcUserRepository::user);
    }

    @Override
    public List<User> list() {
        return rows.listOrdered().stream().map(JdbcUserRepository::user).toList();
    }

    @Override
    public void updateStatus(UUID id, UserStatus status) {
        rows.updateStatus(id, status.wire());
    }

    @Override
    public void touchLastSeen(UUID id, Instant at) {
        rows.touchLastSeen(id, at);
    }

    @Override
    public void updatePassword(UUID id, String passwordHash) {
        rows.updatePassword(id, passwordHash);
    }

    @Override
    public boolean updateProfile(UUID id, Username username, Email email) {
        return unitOfWork.updateUnlessDuplicate(() -> rows.updateProfile(id, username.value(), email.value())) >= 0;
    }

    @Override
    public void updateRole(UUID id, Role role) {
        rows.updateRole(id, role.wire());
    }

    @Override
    public boolean delete(UUID id) {
        return rows.deleteUser(id) == 1;
    }

    @Override
    public void lockOwnership() {
        rows.lockOwnership();
    }

    @Override
    public long countActiveOwners() {
        return rows.countActiveOwners();
    }

    static UserRow row(User user) {
        return new UserRow(user.id(), user.email().value(), user.username().value(), user.passwordHash(), user.role().wire(),
                user.status().wire(), user.createdAt(), user.lastSeenAt());
    }

    static User user(UserRow r) {
        return new User(r.id(), new Email(r.email()), new Username(r.username()), r.passwordHash(),
                "owner".equals(r.role()) ? Role.OWNER : Role.MEMBER, UserStatus.fromWire(r.status()), r.createdAt(),
                r.lastSeenAt());
    }
}

package io.portcullis.adapters.persistence.identity;

import io.portcullis.adapters.persistence.shared.Sql;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.domain.identity.Email;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.identity.Username;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users in table {@code app_user}. */
public final class JdbcUserRepository implements UserRepository {
    /** Columns aliased with a {@code u_} prefix so they can share a row with other tables' columns. */
    static final String COLUMNS = "u.id AS u_id, u.email AS u_email, u.username AS u_username, u.password_hash AS u_password_hash,"
            + " u.role AS u_role, u.status AS u_status, u.created_at AS u_created_at, u.last_seen_at AS u_last_seen_at";
    private final Sql sql;

    public JdbcUserRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean any() {
        return sql.one("SELECT 1 FROM app_user LIMIT 1", rs -> true).isPresent();
    }

    @Override
    public boolean insert(User user) {
        return sql.insertUnique("INSERT INTO app_user (id, email, username, password_hash, role, status, created_at, last_seen_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", params(user));
    }

    @Override
    public boolean insertFirst(User user) {
        // the advisory lock serialises concurrent first-user requests; NOT EXISTS then decides
        sql.one("SELECT pg_advisory_xact_lock(7201)", rs -> true);
        return sql.update("INSERT INTO app_user (id, email, username, password_hash, role, status, created_at, last_seen_at)"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM app_user)", params(user)) == 1;
    }

    private static Object[] params(User user) {
        return new Object[] {user.id(), user.email().value(), user.username().value(), user.passwordHash(),
            user.role().wire(), user.status().wire(), user.createdAt(), Sql.nullableInstant(user.lastSeenAt())};
    }

    @Override
    public Optional<User> findById(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM app_user u WHERE u.id = ?", JdbcUserRepository::map, id);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return sql.one("SELECT " + COLUMNS + " FROM app_user u WHERE u.email = ?", JdbcUserRepository::map, email.value());
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return sql.one("SELECT " + COLUMNS + " FROM app_user u WHERE u.username = ?", JdbcUserRepository::map,
                username.value());
    }

    @Override
    public List<User> list() {
        return sql.list("SELECT " + COLUMNS + " FROM app_user u ORDER BY u.created_at, u.username", JdbcUserRepository::map);
    }

    @Override
    public void updateStatus(UUID id, UserStatus status) {
        sql.update("UPDATE app_user SET status = ? WHERE id = ?", status.wire(), id);
    }

    @Override
    public void touchLastSeen(UUID id, Instant at) {
        sql.update("UPDATE app_user SET last_seen_at = ? WHERE id = ?", at, id);
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(Sql.uuid(rs, "u_id"), new Email(rs.getString("u_email")), new Username(rs.getString("u_username")),
                rs.getString("u_password_hash"), "owner".equals(rs.getString("u_role")) ? Role.OWNER : Role.MEMBER,
                UserStatus.fromWire(rs.getString("u_status")), Sql.instant(rs, "u_created_at"),
                Sql.instant(rs, "u_last_seen_at"));
    }
}

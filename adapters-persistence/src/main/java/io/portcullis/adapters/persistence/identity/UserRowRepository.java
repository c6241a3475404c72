package io.portcullis.adapters.persistence.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Statements on {@code app_user}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRowRepository extends GenericRepository<UserRow, UUID> {
    @Query("SELECT EXISTS (SELECT 1 FROM app_user)")
    boolean any();

    void insert(UserRow row);

    /** Serialises concurrent first-user inserts until the transaction ends. */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7201)) AS first_user_lock")
    int lockFirstUser();

    @Query("INSERT INTO app_user (id, email, username, password_hash, role, status, created_at, last_seen_at)"
            + " SELECT CAST(:id AS uuid), CAST(:email AS text), CAST(:username AS text), CAST(:passwordHash AS text),"
            + " CAST(:role AS text), CAST(:status AS text), CAST(:createdAt AS timestamptz), CAST(:lastSeenAt AS timestamptz)"
            + " WHERE NOT EXISTS (SELECT 1 FROM app_user)")
    int insertIfNone(UUID id, String email, String username, String passwordHash, String role, String status, Instant createdAt,
            @Nullable Instant lastSeenAt);

    Optional<UserRow> findById(UUID id);

    Optional<UserRow> findByEmail(String email);

    Optional<UserRow> findByUsername(String username);

    @Query("SELECT * FROM app_user ORDER BY created_at, username")
    List<UserRow> listOrdered();

    @Query("UPDATE app_user SET status = :status WHERE id = :id")
    int updateStatus(UUID id, String status);

    @Query("UPDATE app_user SET last_seen_at = :at WHERE id = :id")
    int touchLastSeen(UUID id, Instant at);

    @Query("UPDATE app_user SET password_hash = :passwordHash WHERE id = :id")
    int updatePassword(UUID id, String passwordHash);

    @Query("UPDATE app_user SET username = :username, email = :email WHERE id = :id")
    int updateProfile(UUID id, String username, String email);

    @Query("UPDATE app_user SET role = :role WHERE id = :id")
    int updateRole(UUID id, String role);

    @Query("DELETE FROM app_user WHERE id = :id")
    int deleteUser(UUID id);

    /** Serialises changes that could take away an active owner until the transaction ends (see OwnershipGuard). */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7202)) AS ownership_lock")
    int lockOwnership();

    @Query("SELECT count(*) FROM app_user WHERE role = 'owner' AND status = 'active'")
    long countActiveOwners();
}

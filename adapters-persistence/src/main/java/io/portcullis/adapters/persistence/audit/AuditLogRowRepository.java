package io.portcullis.adapters.persistence.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

/** Statements on {@code audit_log}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditLogRowRepository extends GenericRepository<AuditLogRow, UUID> {
    void insert(AuditLogRow row);

    @Query("DELETE FROM audit_log WHERE time < :cutoff")
    int deleteBefore(Instant cutoff);
}

package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.audit.service.QueryAuditLogService;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.port.out.AuditLogRepository;
import io.portcullis.domain.shared.RandomSource;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The audit log: the trail every context records to, and the owners' query. */
@Factory
public class AuditWiringFactory {
    @Singleton
    AuditTrail auditTrail(AuditLogRepository log, Clock clock, RandomSource random, JdbcUnitOfWork uow) {
        return new AuditTrail(log, clock, random, uow);
    }

    @Singleton
    QueryAuditLogService queryAuditLogService(AuditLogRepository log, ManageUsersUseCase users) {
        return new QueryAuditLogService(log, users);
    }
}

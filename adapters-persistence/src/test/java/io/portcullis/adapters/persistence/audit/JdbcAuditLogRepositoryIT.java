package io.portcullis.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.identity.JdbcUserRepository;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.adapters.persistence.testing.TestDatabase;
import io.portcullis.application.shared.AuditLogRepositoryContract;
import io.portcullis.application.shared.port.out.AuditLogRepository;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditFilter;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The audit log contract on PostgreSQL, plus the transaction it shares with the change it records. */
class JdbcAuditLogRepositoryIT extends AuditLogRepositoryContract {
    private ApplicationContext context;

    @Override
    protected AuditLogRepository newLog() {
        context = TestDatabase.fresh();
        return context.getBean(JdbcAuditLogRepository.class);
    }

    @Test
    void appendWhenTheChangeRollsBackThenNoEntryEither() {
        JdbcUnitOfWork uow = context.getBean(JdbcUnitOfWork.class);
        User user = Fixtures.user("alpha", Role.MEMBER, Instant.EPOCH);
        assertThatThrownBy(() -> uow.inTransaction(() -> {
            context.getBean(JdbcUserRepository.class).insert(user);
            log.append(entry(1, T0, AuditEvent.of(AuditAction.USER_CREATE, AuditActor.SYSTEM).target("user", user.id())));
            throw new IllegalStateException("the change fails after both writes");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(log.find(AuditFilter.latest())).isEmpty();
        assertThat(TestDatabase.strings("SELECT count(*) FROM app_user")).containsExactly("0");
    }

    @Test
    void appendWhenItFailsThenTheChangeRollsBack() {
        JdbcUnitOfWork uow = context.getBean(JdbcUnitOfWork.class);
        User user = Fixtures.user("bravo", Role.MEMBER, Instant.EPOCH);
        log.append(entry(1, T0, AuditEvent.of(AuditAction.KEYS_REENCRYPT, AuditActor.SYSTEM)));
        assertThatThrownBy(() -> uow.inTransaction(() -> {
            context.getBean(JdbcUserRepository.class).insert(user);
            // the same id again: the audit insert fails, and with it the transaction
            log.append(entry(1, T0, AuditEvent.of(AuditAction.USER_CREATE, AuditActor.SYSTEM).target("user", user.id())));
            return null;
        })).isInstanceOf(RuntimeException.class);
        assertThat(TestDatabase.strings("SELECT count(*) FROM app_user")).containsExactly("0");
        assertThat(log.find(AuditFilter.latest())).hasSize(1);
    }
}

package io.portcullis.application.shared;

import io.portcullis.application.shared.port.out.AuditLogRepository;

/** Runs the audit log contract against the in-memory adapter. */
class InMemoryAuditLogContractTest extends AuditLogRepositoryContract {
    @Override
    protected AuditLogRepository newLog() {
        return new InMemoryAuditLog();
    }
}

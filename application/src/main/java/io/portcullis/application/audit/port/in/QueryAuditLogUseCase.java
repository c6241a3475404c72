package io.portcullis.application.audit.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditError;
import io.portcullis.domain.shared.Result;
import java.util.List;

/** Owners read the audit log (PRODUCT §11), newest first, a page at a time. */
public interface QueryAuditLogUseCase {
    Result<List<AuditEntry>, AuditError> query(Principal actor, AuditLogQuery query);
}

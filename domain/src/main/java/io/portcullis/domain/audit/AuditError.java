package io.portcullis.domain.audit;

/** Refusals of the audit log's query. */
public sealed interface AuditError {
    String message();

    /** Only owners read the audit log. */
    record Forbidden(String message) implements AuditError {
    }

    /** A filter that names nothing that exists (an unknown user). */
    record Invalid(String field, String message) implements AuditError {
    }
}

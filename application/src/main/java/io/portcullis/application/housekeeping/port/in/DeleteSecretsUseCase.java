package io.portcullis.application.housekeeping.port.in;

import java.util.Map;

/**
 * After a key is lost: drops what was sealed under keys no longer configured — users' upstream tokens and pending
 * connect flows (users connect again), registrations' secrets (owners enter them again), signing keys (a new one is
 * generated) — so the service can start again.
 */
public interface DeleteSecretsUseCase {
    /** How many values (or rows) were dropped, per table.column. */
    Map<String, Integer> delete();
}

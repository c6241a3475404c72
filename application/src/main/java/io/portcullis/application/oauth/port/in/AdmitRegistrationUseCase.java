package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.shared.ClientAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Open dynamic registration is unauthenticated: a bounded number of registration attempts per client address per
 * hour, counted across every replica, so one caller cannot fill the store.
 */
public interface AdmitRegistrationUseCase {
    /** Counts an attempt from {@code from}; the wait before the next one is allowed, when over the limit. */
    Optional<Duration> admit(ClientAddress from);
}

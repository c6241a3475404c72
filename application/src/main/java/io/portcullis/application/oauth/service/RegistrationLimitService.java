package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.AdmitRegistrationUseCase;
import io.portcullis.application.shared.port.out.AttemptCounterPort;
import io.portcullis.domain.shared.AttemptLimit;
import io.portcullis.domain.shared.ClientAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Registration attempts per client address in shared counters; refused attempts are not counted. */
public final class RegistrationLimitService implements AdmitRegistrationUseCase {
    static final String BUCKET = "registration-address";
    private final AttemptCounterPort counters;
    private final AttemptLimit limit;
    private final Clock clock;

    public RegistrationLimitService(AttemptCounterPort counters, AttemptLimit limit, Clock clock) {
        this.counters = counters;
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> admit(ClientAddress from) {
        Instant now = clock.instant();
        Optional<Duration> wait = limit.refusal(counters.count(BUCKET, from.limitKey(), limit.window(), now), now);
        if (wait.isPresent()) {
            counters.uncount(BUCKET, from.limitKey());
        }
        return wait;
    }
}

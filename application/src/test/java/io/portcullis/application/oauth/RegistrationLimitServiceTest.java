package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.oauth.service.RegistrationLimitService;
import io.portcullis.application.shared.InMemoryAttemptCounters;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.domain.shared.AttemptLimit;
import io.portcullis.domain.shared.ClientAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationLimitServiceTest {
    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final InMemoryAttemptCounters counters = new InMemoryAttemptCounters();
    private final ClientAddress a = new ClientAddress("10.0.0.1");

    @Test
    void admitWhenOverLimitThenWaitUntilTheHourEndsPerAddressAndRefusalsNotCounted() {
        RegistrationLimitService limit = new RegistrationLimitService(counters, new AttemptLimit(3, Duration.ofHours(1)), clock);
        assertThat(limit.admit(a)).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(limit.admit(a)).isEmpty();
        assertThat(limit.admit(a)).isEmpty();
        assertThat(limit.admit(a)).contains(Duration.ofMinutes(50));
        assertThat(limit.admit(a)).contains(Duration.ofMinutes(50));
        assertThat(limit.admit(new ClientAddress("10.0.0.2"))).isEmpty();
        clock.advance(Duration.ofMinutes(50));
        assertThat(limit.admit(a)).isEmpty();
        assertThat(limit.admit(a)).isEmpty();
        assertThat(limit.admit(a)).isEmpty();
        assertThat(limit.admit(a)).isPresent();
    }

    @Test
    void admitWhenTwoServicesShareTheCountersThenOneLimitApplies() {
        AttemptLimit three = new AttemptLimit(3, Duration.ofHours(1));
        RegistrationLimitService replicaA = new RegistrationLimitService(counters, three, clock);
        RegistrationLimitService replicaB = new RegistrationLimitService(counters, three, clock);
        assertThat(replicaA.admit(a)).isEmpty();
        assertThat(replicaB.admit(a)).isEmpty();
        assertThat(replicaA.admit(a)).isEmpty();
        assertThat(replicaB.admit(a)).isPresent();
    }
}

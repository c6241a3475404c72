package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RegistrationRateLimitTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void attemptWhenOverLimitThenWaitUntilOldestLeavesTheHourPerAddress() {
        RegistrationRateLimit limit = new RegistrationRateLimit(3, clock);
        assertThat(limit.attempt("10.0.0.1")).isEmpty();
        now = now.plusSeconds(600);
        assertThat(limit.attempt("10.0.0.1")).isEmpty();
        assertThat(limit.attempt("10.0.0.1")).isEmpty();
        assertThat(limit.attempt("10.0.0.1")).contains(Duration.ofMinutes(50));
        assertThat(limit.attempt("10.0.0.2")).isEmpty();
        now = now.plus(Duration.ofMinutes(50));
        assertThat(limit.attempt("10.0.0.1")).isEmpty();
    }
}

package io.portcullis.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void blockedForWhenThirdFailureInWindowThenUntilOldestLeaves() {
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10));
        throttle.failed("a", T0);
        throttle.failed("a", T0.plusSeconds(60));
        assertThat(throttle.blockedFor("a", T0.plusSeconds(61))).isEmpty();
        throttle.failed("a", T0.plusSeconds(120));
        assertThat(throttle.blockedFor("a", T0.plusSeconds(121))).contains(Duration.ofSeconds(479));
        assertThat(throttle.blockedFor("b", T0.plusSeconds(121))).isEmpty();
        assertThat(throttle.blockedFor("a", T0.plus(Duration.ofMinutes(10)))).isEmpty();
    }

    @Test
    void succeededWhenCalledThenCountResets() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMinutes(10));
        throttle.failed("a", T0);
        throttle.succeeded("a");
        throttle.failed("a", T0.plusSeconds(1));
        assertThat(throttle.blockedFor("a", T0.plusSeconds(2))).isEmpty();
    }
}

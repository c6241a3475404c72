package io.portcullis.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptLimitTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AttemptLimit limit = new AttemptLimit(3, Duration.ofMinutes(10));

    @Test
    void refusalWhenWithinLimitThenNone() {
        assertThat(limit.refusal(new AttemptWindow(3, T0), T0.plusSeconds(5))).isEmpty();
    }

    @Test
    void refusalWhenOverLimitThenUntilTheWindowEnds() {
        assertThat(limit.refusal(new AttemptWindow(4, T0), T0.plusSeconds(121))).contains(Duration.ofSeconds(479));
    }

    @Test
    void refusalWhenWindowAboutToEndThenAtLeastOneSecond() {
        assertThat(limit.refusal(new AttemptWindow(9, T0), T0.plus(Duration.ofMinutes(10)))).contains(Duration.ofSeconds(1));
    }

    @Test
    void limitKeyWhenIpv6ThenTheSlash64ElseTheAddress() {
        assertThat(new ClientAddress("2001:db8:cafe:1:0:0:0:17").limitKey()).isEqualTo("2001:db8:cafe:1::/64");
        assertThat(new ClientAddress("2001:db8:cafe:1:ffff:0:0:18").limitKey()).isEqualTo("2001:db8:cafe:1::/64");
        assertThat(new ClientAddress("198.51.100.7").limitKey()).isEqualTo("198.51.100.7");
        // as the edge writes addresses (RFC 5952, compressed): the same /64 as the full form
        assertThat(new ClientAddress("2001:db8:cafe:1::17").limitKey()).isEqualTo("2001:db8:cafe:1::/64");
        assertThat(new ClientAddress("2001:db8::1").limitKey()).isEqualTo("2001:db8:0:0::/64");
        assertThat(new ClientAddress("::1").limitKey()).isEqualTo("0:0:0:0::/64");
        assertThat(new ClientAddress("2001:db8:cafe:1::").limitKey()).isEqualTo("2001:db8:cafe:1::/64");
    }

    @Test
    void constructWhenLimitOrWindowMeaninglessThenRefused() {
        assertThatThrownBy(() -> new AttemptLimit(0, Duration.ofMinutes(1))).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> new AttemptLimit(1, Duration.ZERO)).isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> new ClientAddress(" ")).isInstanceOf(DomainValidationException.class);
    }
}

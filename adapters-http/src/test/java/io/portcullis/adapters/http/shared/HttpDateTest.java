package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    @Test
    void nowWhenAnyInstantThenImfFixdateOfItsSecond() {
        assertThat(new HttpDate(MutableClock.startingAt("1994-11-06T08:49:37.250Z")).now()).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void nowWhenDayOfMonthHasOneDigitThenTwoDigitsAsImfFixdateRequires() {
        assertThat(new HttpDate(MutableClock.startingAt("2026-12-05T00:08:29Z")).now()).isEqualTo("Sat, 05 Dec 2026 00:08:29 GMT");
    }

    @Test
    void nowWhenTheSecondChangesThenTheNewSecondAndWithinItTheSame() {
        MutableClock clock = MutableClock.startingAt("1994-11-06T08:49:37.250Z");
        HttpDate dates = new HttpDate(clock);
        assertThat(dates.now()).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        clock.advance(Duration.ofMillis(749));
        assertThat(dates.now()).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        clock.advance(Duration.ofMillis(1));
        assertThat(dates.now()).isEqualTo("Sun, 06 Nov 1994 08:49:38 GMT");
        clock.advance(Duration.ofHours(24));
        assertThat(dates.now()).isEqualTo("Mon, 07 Nov 1994 08:49:38 GMT");
    }
}

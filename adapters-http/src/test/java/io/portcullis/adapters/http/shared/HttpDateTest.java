package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("1994-11-06T08:49:37.250Z"));
    private final HttpDate dates = new HttpDate(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void nowWhenAnyInstantThenImfFixdateOfItsSecond() {
        assertThat(dates.now()).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void nowWhenDayOfMonthHasOneDigitThenTwoDigitsAsImfFixdateRequires() {
        now.set(Instant.parse("2026-12-05T00:08:29Z"));
        assertThat(dates.now()).isEqualTo("Sat, 05 Dec 2026 00:08:29 GMT");
    }

    @Test
    void nowWhenTheSecondChangesThenTheNewSecondAndWithinItTheSame() {
        assertThat(dates.now()).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        now.set(Instant.parse("1994-11-06T08:49:37.999Z"));
        assertThat(dates.now()).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        now.set(Instant.parse("1994-11-06T08:49:38.000Z"));
        assertThat(dates.now()).isEqualTo("Sun, 06 Nov 1994 08:49:38 GMT");
        now.set(Instant.parse("1994-11-06T08:49:36.500Z")); // a clock stepped back is followed too
        assertThat(dates.now()).isEqualTo("Sun, 06 Nov 1994 08:49:36 GMT");
    }
}

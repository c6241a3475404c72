package io.portcullis.application.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.shared.port.out.AttemptCounterPort;
import io.portcullis.domain.shared.AttemptWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AttemptCounterPort} must do; run against the in-memory adapter and PostgreSQL. */
public abstract class AttemptCounterContract {
    protected static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    protected static final Duration WINDOW = Duration.ofMinutes(15);
    protected AttemptCounterPort counters;

    protected abstract AttemptCounterPort newCounters();

    @BeforeEach
    void setUpCounters() {
        counters = newCounters();
    }

    @Test
    void countWhenRepeatedInWindowThenAddsUpFromTheFirstAttempt() {
        assertThat(counters.count("b", "k", WINDOW, T0)).isEqualTo(new AttemptWindow(1, T0));
        assertThat(counters.count("b", "k", WINDOW, T0.plusSeconds(60))).isEqualTo(new AttemptWindow(2, T0));
        assertThat(counters.count("b", "other", WINDOW, T0.plusSeconds(60))).isEqualTo(new AttemptWindow(1, T0.plusSeconds(60)));
        assertThat(counters.count("c", "k", WINDOW, T0.plusSeconds(60)).hits()).isEqualTo(1);
    }

    @Test
    void countWhenWindowEndedThenStartsAgain() {
        counters.count("b", "k", WINDOW, T0);
        counters.count("b", "k", WINDOW, T0.plusSeconds(1));
        Instant later = T0.plus(WINDOW);
        assertThat(counters.count("b", "k", WINDOW, later)).isEqualTo(new AttemptWindow(1, later));
    }

    @Test
    void uncountAndClearWhenUsedThenTakeAttemptsBack() {
        counters.count("b", "k", WINDOW, T0);
        counters.count("b", "k", WINDOW, T0);
        counters.uncount("b", "k");
        assertThat(counters.count("b", "k", WINDOW, T0).hits()).isEqualTo(2);
        counters.clear("b", "k");
        assertThat(counters.count("b", "k", WINDOW, T0.plusSeconds(5))).isEqualTo(new AttemptWindow(1, T0.plusSeconds(5)));
        counters.uncount("b", "never-counted");
        counters.clear("b", "never-counted");
    }

    @Test
    void purgeEndedWhenWindowsEndedThenOnlyThoseGo() {
        counters.count("b", "old", Duration.ofMinutes(1), T0);
        counters.count("b", "new", WINDOW, T0);
        assertThat(counters.purgeEnded(T0.plus(Duration.ofMinutes(2)))).isEqualTo(1);
        assertThat(counters.count("b", "new", WINDOW, T0.plus(Duration.ofMinutes(2))).hits()).isEqualTo(2);
        assertThat(counters.count("b", "old", WINDOW, T0.plus(Duration.ofMinutes(2))).hits()).isEqualTo(1);
    }
}

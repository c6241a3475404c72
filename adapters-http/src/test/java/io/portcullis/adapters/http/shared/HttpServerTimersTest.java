package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** http.server.requests: tagged by route template like micronaut-micrometer, one timer per (method, route, status). */
class HttpServerTimersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpServerTimers timers = new HttpServerTimers(registry);

    @Test
    void recordWhenSameRouteAndStatusThenOneTimerCounts() {
        timers.record("GET", "/api/v2/users/{user}", 200, 1_000_000);
        timers.record("GET", "/api/v2/users/{user}", 200, 3_000_000);
        timers.record("GET", "/api/v2/users/{user}", 401, 1_000_000);
        Timer ok = registry.get("http.server.requests").tags("method", "GET", "status", "200", "uri", "/api/v2/users/{user}",
                "exception", "none").timer();
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4.0);
        assertThat(registry.get("http.server.requests").timers()).hasSize(2);
    }

    @Test
    void uriWhenNotARouteTemplateThenFixedNamesNeverThePath() {
        assertThat(HttpServerTimers.uri("/api/v2/users/{user}", 404)).isEqualTo("NOT_FOUND");
        assertThat(HttpServerTimers.uri(null, 401)).isEqualTo("UNMATCHED_URI");
        assertThat(HttpServerTimers.uri("/login", 302)).isEqualTo("REDIRECTION");
        assertThat(HttpServerTimers.uri("/", 200)).isEqualTo("root");
        assertThat(HttpServerTimers.uri("/oauth2/token", 400)).isEqualTo("/oauth2/token");
    }
}

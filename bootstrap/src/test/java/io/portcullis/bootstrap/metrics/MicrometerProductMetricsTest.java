package io.portcullis.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerProductMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerProductMetrics metrics = new MicrometerProductMetrics(registry);

    @Test
    void gatewayCallWhenRecordedAgainThenSameTimerPerServerAndOutcome() {
        metrics.gatewayCall("tools", "ok", Duration.ofMillis(2));
        metrics.gatewayCall("tools", "ok", Duration.ofMillis(4));
        metrics.gatewayCall("tools", "upstream_unreachable", Duration.ofMillis(1));
        metrics.gatewayCall("other", "ok", Duration.ofMillis(8));

        var ok = registry.get("portcullis.gateway.upstream").tags("server", "tools", "outcome", "ok").timer();
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(registry.get("portcullis.gateway.upstream").tags("server", "tools", "outcome", "upstream_unreachable")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("portcullis.gateway.upstream").tags("server", "other").timer().count()).isEqualTo(1);
        assertThat(registry.find("portcullis.gateway.upstream").timers()).hasSize(3);
    }

    @Test
    void tokenRequestWhenCountedAgainThenOneCounterPerGrantAndOutcome() {
        metrics.tokenRequest("refresh_token", "ok");
        metrics.tokenRequest("refresh_token", "ok");
        metrics.tokenRequest("refresh_token", "invalid_grant");
        metrics.tokenRequest("client_credentials", "ok");

        assertThat(registry.get("portcullis.token.requests").tags("grant", "refresh_token", "outcome", "ok").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("portcullis.token.requests").tags("grant", "refresh_token", "outcome", "invalid_grant")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("portcullis.token.requests").tags("grant", "client_credentials").counter().count()).isEqualTo(1.0);
    }
}

package io.portcullis.bootstrap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The product counters (PRODUCT §11) as Micrometer meters, scraped at {@code /metrics} as {@code portcullis_*}. */
@Singleton
public final class MicrometerProductMetrics implements ProductMetricsPort {
    private final MeterRegistry registry;
    private final Counter reuse;
    /**
     * Meters already registered, by name and tag values: building one from its tags and looking it up in the registry
     * on each gateway request or token request cost more than recording to it. Tag values are bounded sets (grant
     * types, outcomes, published servers' slugs or {@code unknown}).
     */
    private final Map<Key, Meter> meters = new ConcurrentHashMap<>();

    private record Key(String name, String first, String second) {
    }

    public MicrometerProductMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reuse = Counter.builder("portcullis.refresh.reuse.detected")
                .description("Refresh tokens presented again; each revoked its grant").register(registry);
    }

    @Override
    public void signIn(String method, String outcome) {
        Counter.builder("portcullis.sign.ins").description("Sign-ins by method (password, oidc) and outcome")
                .tag("method", method).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void tokenRequest(String grant, String outcome) {
        ((Counter) meter(new Key("token", grant, outcome), () -> Counter.builder("portcullis.token.requests")
                .description("Token endpoint requests by grant type and outcome").tag("grant", grant).tag("outcome", outcome)
                .register(registry))).increment();
    }

    @Override
    public void refreshReuseDetected() {
        reuse.increment();
    }

    @Override
    public void clientRegistration(String outcome) {
        Counter.builder("portcullis.client.registrations").description("Dynamic client registrations by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void gatewayCall(String server, String outcome, Duration elapsed) {
        ((Timer) meter(new Key("gateway", server, outcome), () -> Timer.builder("portcullis.gateway.upstream")
                .description("MCP gateway requests relayed upstream, by server").tag("server", server).tag("outcome", outcome)
                .register(registry))).record(elapsed);
    }

    /** The meter registered for {@code key}, registering it the first time. */
    private Meter meter(Key key, Supplier<Meter> register) {
        Meter known = meters.get(key);
        return known != null ? known : meters.computeIfAbsent(key, k -> register.get());
    }
}

package io.portcullis.adapters.http.shared;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.domain.identity.Scope;

/**
 * Prometheus metrics (PRODUCT §11): HTTP requests by route template, the product counters ({@code portcullis_*}),
 * the database pool, the JVM. Needs a key with {@code metrics:read}, except from loopback or with
 * {@code portcullis.metrics.public} ({@code MetricsAccessRule}).
 */
@Controller
public final class MetricsController {
    /** Prometheus' text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain;version=0.0.4;charset=utf-8";
    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get("/metrics")
    @Produces(PROMETHEUS_TEXT)
    @RequiresScope(value = Scope.METRICS_READ, clients = true)
    String scrape() {
        return registry.scrape();
    }
}

package io.portcullis.adapters.http.shared;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code http.server.requests} timers (PRODUCT §11), tagged like micronaut-micrometer tags them — {@code method},
 * {@code status}, {@code uri} (the route template, never the raw path; {@code NOT_FOUND} for 404, {@code REDIRECTION}
 * for 3xx, {@code UNMATCHED_URI} when no route matched), {@code exception} — but fed by {@link RequestLogFilter}'s one
 * measurement, and each timer looked up once per (method, route, status) instead of built from its tags per request.
 * No percentiles or histograms: Prometheus derives rates and means from the count and sum.
 */
@Singleton
@Requires(bean = MeterRegistry.class)
public final class HttpServerTimers {
    static final String NAME = "http.server.requests";
    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public HttpServerTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Key(String method, String route, int status) {
    }

    /** Records one request; {@code route} is the matched template or null. */
    public void record(String method, String route, int status, long nanos) {
        Key key = new Key(method, route, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::register);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(Key key) {
        return Timer.builder(NAME).tag("method", key.method()).tag("status", Integer.toString(key.status()))
                .tag("uri", uri(key.route(), key.status())).tag("exception", "none").register(registry);
    }

    static String uri(String route, int status) {
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        if (route == null) {
            return "UNMATCHED_URI";
        }
        String path = route.replaceAll("//+", "/").replaceAll("/$", "");
        return path.isEmpty() ? "root" : path;
    }
}

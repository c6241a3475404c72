package io.portcullis.adapters.http.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import org.reactivestreams.Publisher;

/**
 * {@code GET /metrics} is open to a scraper on the same host (loopback socket address and no forwarding header, so a
 * reverse proxy on the same host does not open it to the world) and to everyone with {@code portcullis.metrics.public};
 * otherwise {@link ScopeRule} asks for {@code metrics:read}.
 */
@Singleton
public final class MetricsAccessRule implements SecurityRule<HttpRequest<?>> {
    public static final int ORDER = ScopeRule.ORDER - 10;
    private final boolean open;

    public MetricsAccessRule(@Value("${portcullis.metrics.public:false}") boolean open) {
        this.open = open;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || !concerns(request)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        return Publishers.just(open || local(request) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    /** The only requests this rule may decide; it answers UNKNOWN to every other. */
    static boolean concerns(HttpRequest<?> request) {
        return request.getPath().equals("/metrics");
    }

    static boolean local(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        if (headers.contains("Forwarded") || headers.contains("X-Forwarded-For") || headers.contains("X-Real-IP")) {
            return false;
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

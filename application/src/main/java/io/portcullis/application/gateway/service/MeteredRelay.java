package io.portcullis.application.gateway.service;

import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.shared.port.out.ProductMetricsPort;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Times each relayed MCP request by upstream server and outcome, up to the upstream's status and headers (a stream
 * may flow long after). A slug that names no published server, or a request refused by a limit before the server was
 * looked up, is counted as {@code unknown}, so callers cannot grow the metric's label set.
 */
public final class MeteredRelay implements RelayMcpRequestUseCase {
    private final RelayMcpRequestUseCase relay;
    private final ProductMetricsPort metrics;
    private final Clock clock;

    public MeteredRelay(RelayMcpRequestUseCase relay, ProductMetricsPort metrics, Clock clock) {
        this.relay = relay;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Result<RelayedAnswer, GatewayError>> relay(RelayMcpRequestCommand command) {
        Instant start = clock.instant();
        return relay.relay(command).thenApply(result -> {
            Duration elapsed = Duration.between(start, clock.instant());
            boolean known = result.isOk() || !(result.error() instanceof GatewayError.NotPublished
                    || result.error() instanceof GatewayError.MalformedMessage || result.error() instanceof GatewayError.RateLimited
                    || result.error() instanceof GatewayError.ServerBusy);
            metrics.gatewayCall(known ? command.slug() : "unknown", result.isOk() ? "ok" : outcome(result.error()), elapsed);
            return result;
        });
    }

    /** {@code UpstreamUnreachable} → {@code upstream_unreachable}. */
    static String outcome(GatewayError error) {
        return error.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

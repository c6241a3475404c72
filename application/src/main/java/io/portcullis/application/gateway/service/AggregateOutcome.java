package io.portcullis.application.gateway.service;

import io.portcullis.domain.gateway.GatewayError;
import java.util.Map;

/** What came of one request the aggregated server sent to one of its servers. */
sealed interface AggregateOutcome {
    /** The server's JSON-RPC response ({@code result} or {@code error}). */
    record Answered(Map<String, Object> message) implements AggregateOutcome {
    }

    /** The user has not connected their account to this server; {@code connectUrl} is where to. */
    record NotConnected(String connectUrl) implements AggregateOutcome {
    }

    /** A rate limit of the caller's (per token or client address) refused it: the whole request is refused. */
    record Limited(GatewayError.RateLimited refusal) implements AggregateOutcome {
    }

    /** The gateway refused the request (tool policy, allow list, credentials) or the server failed; logged, not fatal. */
    record Failed(String reason, GatewayError refusal) implements AggregateOutcome {
    }
}

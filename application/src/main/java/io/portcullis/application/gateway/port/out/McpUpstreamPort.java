package io.portcullis.application.gateway.port.out;

import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.UnreadBody;
import io.portcullis.domain.gateway.WholeBody;
import io.portcullis.domain.shared.Result;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Sends one MCP (Streamable HTTP) request to an upstream server, guarded like every outbound call, without
 * waiting for its answer: the stage completes when the status and headers arrive, and the body follows as it
 * flows (an event stream event by event, for as long as the upstream keeps it open).
 */
public interface McpUpstreamPort {
    CompletionStage<Result<UpstreamResponse, GatewayError.UpstreamUnreachable>> send(UpstreamRequest request);

    /**
     * One request. When {@code rewrite} is present every message of the answer passes through it before it is
     * relayed: each event of an event stream, or a JSON body whole.
     */
    record UpstreamRequest(String url, String method, Map<String, String> headers, byte[] body, Optional<MessageRewrite> rewrite) {
        public UpstreamRequest {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }
    }

    /** Rewrites one message of an answer whose content type is {@code contentType}. */
    @FunctionalInterface
    interface MessageRewrite {
        byte[] rewrite(byte[] message, String contentType);
    }

    /** The upstream's status and headers (lower-case names) and its body as it arrives. */
    record UpstreamResponse(int status, Map<String, String> headers, Flow.Publisher<byte[]> body) {
        public UpstreamResponse {
            headers = Map.copyOf(headers);
        }

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        /** Lets go of the body unread (the connection is closed, never reused half-read). */
        public void discard() {
            UnreadBody.discard(body);
        }
    }

    /** A body known in full: one item, then completion (relayed like any flowing body, unlike a {@link WholeBody}). */
    static Flow.Publisher<byte[]> whole(byte[] body) {
        WholeBody whole = new WholeBody(body);
        return whole::subscribe;
    }
}

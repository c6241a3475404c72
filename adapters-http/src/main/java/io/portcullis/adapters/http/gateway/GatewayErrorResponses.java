package io.portcullis.adapters.http.gateway;

import io.micronaut.http.HttpStatus;
import io.portcullis.adapters.http.registry.RegistryErrorResponses;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.registry.RegistryError;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping of gateway refusals to HTTP: a body that is not JSON gets a JSON-RPC parse error (-32700),
 * an upstream that cannot be reached or refuses Portcullis's credentials a 502 (never the upstream's challenge),
 * a rate limit 429 and a server at its concurrency limit 503, both with {@code Retry-After}; the rest REST errors.
 */
final class GatewayErrorResponses {
    private GatewayErrorResponses() {
    }

    /**
     * The JSON-RPC error body (400) for refusals about the message itself: not JSON (-32700), request metadata
     * headers that contradict the body (-32020, MCP HeaderMismatch); empty for the REST ones.
     */
    static Optional<Map<String, Object>> jsonRpcError(GatewayError error) {
        if (error instanceof GatewayError.MalformedMessage) {
            return Optional.of(Map.of("jsonrpc", "2.0", "error", Map.of("code", -32700, "message", error.message())));
        }
        if (error instanceof GatewayError.HeaderMismatch) {
            return Optional.of(Map.of("jsonrpc", "2.0", "error", Map.of("code", -32020, "message", error.message())));
        }
        return Optional.empty();
    }

    /**
     * Where a user whose upstream account is not connected connects it (the registry's connect flow, in a browser),
     * or empty for any other refusal.
     */
    static Optional<String> connectPath(GatewayError error) {
        if (error instanceof GatewayError.NoCredentials missing && missing.cause() instanceof RegistryError.NotConnected) {
            return Optional.of("/api/v2/mcp/servers/" + missing.serverId() + "/oauth2/connect");
        }
        return Optional.empty();
    }

    static ApiException toApi(GatewayError error) {
        if (error instanceof GatewayError.NoCredentials missing) {
            return RegistryErrorResponses.toApi(missing.cause());
        }
        if (error instanceof GatewayError.NotPublished) {
            return ApiException.notFound(error.message());
        }
        if (error instanceof GatewayError.NotAllowed || error instanceof GatewayError.ToolForbidden) {
            return ApiException.forbidden(error.message());
        }
        if (error instanceof GatewayError.RateLimited limited) {
            return ApiException.retryLater(HttpStatus.TOO_MANY_REQUESTS, new ApiError("Too many requests.", error.message()),
                    limited.retryAfterSeconds());
        }
        if (error instanceof GatewayError.ServerBusy) {
            return ApiException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("MCP server busy.", error.message()), 1);
        }
        if (error instanceof GatewayError.UpstreamUnreachable || error instanceof GatewayError.UpstreamRefusedCredentials) {
            return badGateway(error.message());
        }
        return ApiException.badRequest("Bad request.", error.message());
    }

    static ApiException badGateway(String detail) {
        return new ApiException(HttpStatus.BAD_GATEWAY, new ApiError("Bad gateway.", detail));
    }
}

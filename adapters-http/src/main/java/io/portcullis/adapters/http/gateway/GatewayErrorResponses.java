package io.portcullis.adapters.http.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.portcullis.adapters.http.registry.RegistryErrorResponses;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.domain.gateway.GatewayError;
import java.util.Map;

/**
 * The one mapping of gateway refusals to HTTP: a body that is not JSON gets a JSON-RPC parse error (-32700),
 * an upstream that cannot be reached or refuses Portcullis's credentials a 502 (never the upstream's challenge),
 * the rest REST errors.
 */
final class GatewayErrorResponses {
    private GatewayErrorResponses() {
    }

    /** The answer for {@code error}: returned for JSON-RPC answers, thrown as {@link ApiException} for REST ones. */
    static HttpResponse<?> of(GatewayError error) {
        if (error instanceof GatewayError.MalformedMessage) {
            return HttpResponse.badRequest(Map.of("jsonrpc", "2.0", "error", Map.of("code", -32700, "message", error.message())));
        }
        throw toApi(error);
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
        if (error instanceof GatewayError.UpstreamUnreachable || error instanceof GatewayError.UpstreamRefusedCredentials) {
            return badGateway(error.message());
        }
        return ApiException.badRequest("Bad request.", error.message());
    }

    static ApiException badGateway(String detail) {
        return new ApiException(HttpStatus.BAD_GATEWAY, new ApiError("Bad gateway.", detail));
    }
}

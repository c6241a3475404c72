package io.portcullis.adapters.http.oauth;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapping of {@link OAuthError} to OAuth protocol answers: RFC 6749 §5.2 JSON with its status and
 * {@code WWW-Authenticate}, the §4.1.2.1 error parameters of an authorization redirect, and the no-store
 * headers every token response carries.
 */
final class OAuthResponses {
    private OAuthResponses() {
    }

    static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    static MutableHttpResponse<Object> error(OAuthError error, boolean basicUsed) {
        HttpStatus status = switch (error.code()) {
            case INVALID_CLIENT, INVALID_TOKEN -> HttpStatus.UNAUTHORIZED;
            case SERVER_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.BAD_REQUEST;
        };
        MutableHttpResponse<Object> response = noStore(HttpResponse.status(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(body(error));
        if (error.code() == OAuthErrorCode.INVALID_CLIENT && basicUsed) {
            response.header("WWW-Authenticate", "Basic realm=\"portcullis\"");
        }
        if (error.code() == OAuthErrorCode.INVALID_TOKEN) {
            response.header("WWW-Authenticate", "Bearer realm=\"portcullis\", error=\"invalid_token\"");
        }
        return response;
    }

    static Map<String, String> body(OAuthError error) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.code().wire());
        body.put("error_description", error.description());
        return body;
    }

    /** RFC 6749 §4.1.2.1: the error parameters of a redirect back to a trusted client (state and iss are added there). */
    static Map<String, String> redirectParameters(OAuthError error) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error.code().wire());
        params.put("error_description", error.description());
        return params;
    }

    /** Appends query parameters to a redirect URI that may already carry a query (RFC 6749 §3.1.2). */
    static String withQuery(String uri, Map<String, String> params) {
        StringBuilder out = new StringBuilder(uri);
        boolean hasQuery = uri.contains("?");
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            out.append(hasQuery ? '&' : '?').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            hasQuery = true;
        }
        return out.toString();
    }
}

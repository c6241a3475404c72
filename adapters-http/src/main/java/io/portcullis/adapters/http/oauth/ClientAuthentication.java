package io.portcullis.adapters.http.oauth;

import io.micronaut.http.HttpRequest;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads client credentials from {@code Authorization: Basic} (RFC 6749 §2.3.1, form-encoded id and secret)
 * and from the body; using both for the secret, or naming two different ids, is refused.
 */
final class ClientAuthentication {
    private ClientAuthentication() {
    }

    static boolean basicUsed(HttpRequest<?> request) {
        String header = request.getHeaders().get("Authorization");
        return header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("basic ");
    }

    static Result<ClientCredentials, OAuthError> read(HttpRequest<?> request, FormBody form) {
        String bodyId = form.single("client_id").orElse(null);
        String bodySecret = form.single("client_secret").orElse(null);
        String header = request.getHeaders().get("Authorization");
        if (header == null) {
            return Result.ok(new ClientCredentials(bodyId, bodySecret, false));
        }
        if (!basicUsed(request)) {
            return Result.err(new OAuthError.InvalidClient("only HTTP Basic client authentication is accepted in the Authorization header"));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.trim().substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Result.err(new OAuthError.InvalidClient("the Basic credentials are not valid base64"));
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Result.err(new OAuthError.InvalidClient("the Basic credentials must be client_id:client_secret"));
        }
        String id;
        String secret;
        try {
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Result.err(new OAuthError.InvalidClient("the Basic credentials are not form-encoded"));
        }
        if (bodySecret != null) {
            return Result.err(new OAuthError.InvalidRequest("use one client authentication method: Basic or client_secret in the body, not both"));
        }
        if (bodyId != null && !bodyId.equals(id)) {
            return Result.err(new OAuthError.InvalidRequest("client_id in the body differs from the Basic credentials"));
        }
        return Result.ok(new ClientCredentials(id, secret.isEmpty() ? null : secret, true));
    }
}

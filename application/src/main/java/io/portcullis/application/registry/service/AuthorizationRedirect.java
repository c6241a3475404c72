package io.portcullis.application.registry.service;

import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.registry.McpServerConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The upstream authorization request (RFC 6749 §4.1.1 with PKCE S256 and an RFC 8707 resource) for one user. */
final class AuthorizationRedirect {
    private AuthorizationRedirect() {
    }

    static String url(McpServerConfig server, String scope, String redirectUri, String state, String verifier) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", server.oauth2ClientId());
        params.put("redirect_uri", redirectUri);
        params.put("state", state);
        params.put("code_challenge", PkceChallenge.s256Of(verifier).value());
        params.put("code_challenge_method", "S256");
        params.put("resource", server.url());
        if (!scope.isBlank()) {
            params.put("scope", scope);
        }
        StringBuilder url = new StringBuilder(server.oauth2AuthUrl());
        boolean hasQuery = server.oauth2AuthUrl().contains("?");
        for (Map.Entry<String, String> e : params.entrySet()) {
            url.append(hasQuery ? '&' : '?').append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            hasQuery = true;
        }
        return url.toString();
    }
}

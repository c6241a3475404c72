package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.shared.DomainValidationException;
import java.util.Objects;

/**
 * A token request with {@code grant_type=authorization_code} by an authenticated client (RFC 6749 §4.1.3):
 * code and PKCE verifier are required; redirect URI and resource are optional. {@code from} is the client address of
 * the request, for the audit log.
 */
public record ExchangeAuthorizationCodeCommand(OAuthClient client, String code, String codeVerifier, String redirectUri,
        String resource, ClientAddress from) {
    /** Without a request's client address (tests, tools). */
    public ExchangeAuthorizationCodeCommand(OAuthClient client, String code, String codeVerifier, String redirectUri,
            String resource) {
        this(client, code, codeVerifier, redirectUri, resource, null);
    }

    public ExchangeAuthorizationCodeCommand {
        Objects.requireNonNull(client, "client");
        DomainValidationException.require(code != null, "code", "code is required");
        DomainValidationException.require(codeVerifier != null, "code_verifier", "code_verifier is required (PKCE)");
    }

    @Override
    public String toString() {
        return "ExchangeAuthorizationCodeCommand[client=" + client.id() + ", redirectUri=" + redirectUri + ", resource="
                + resource + "]";
    }
}

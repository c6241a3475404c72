package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.shared.DomainValidationException;
import java.util.Objects;

/**
 * A token request with {@code grant_type=refresh_token} by an authenticated client (RFC 6749 §6): the
 * refresh token is required; scope and resource, when sent, may only narrow the grant. {@code from} is the client
 * address of the request, for the audit log.
 */
public record RefreshAccessTokenCommand(OAuthClient client, String refreshToken, String scope, String resource,
        ClientAddress from) {
    /** Without a request's client address (tests, tools). */
    public RefreshAccessTokenCommand(OAuthClient client, String refreshToken, String scope, String resource) {
        this(client, refreshToken, scope, resource, null);
    }

    public RefreshAccessTokenCommand {
        Objects.requireNonNull(client, "client");
        DomainValidationException.require(refreshToken != null, "refresh_token", "refresh_token is required");
    }

    @Override
    public String toString() {
        return "RefreshAccessTokenCommand[client=" + client.id() + ", scope=" + scope + ", resource=" + resource + "]";
    }
}

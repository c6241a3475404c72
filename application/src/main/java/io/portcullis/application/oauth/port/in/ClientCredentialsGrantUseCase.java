package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;

/** The client credentials grant (RFC 6749 §4.4) for confidential clients registered with it. */
public interface ClientCredentialsGrantUseCase {
    /** {@code from}: the client address of the request, for the audit log (null without a request). */
    Result<TokenResponse, OAuthError> grant(OAuthClient client, String scope, String resource, ClientAddress from);

    default Result<TokenResponse, OAuthError> grant(OAuthClient client, String scope, String resource) {
        return grant(client, scope, resource, null);
    }
}

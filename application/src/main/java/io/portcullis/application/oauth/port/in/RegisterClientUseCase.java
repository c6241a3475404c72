package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;

/** Dynamic client registration (RFC 7591) and its management protocol (RFC 7592). */
public interface RegisterClientUseCase {
    /** {@code from}: the client address of the request, for the audit log (null without a request). */
    Result<RegisteredClient, OAuthError> register(ClientMetadata.Raw metadata, ClientAddress from);

    default Result<RegisteredClient, OAuthError> register(ClientMetadata.Raw metadata) {
        return register(metadata, null);
    }

    Result<OAuthClient, OAuthError> read(String clientId, String registrationAccessToken);

    Result<OAuthClient, OAuthError> update(String clientId, String registrationAccessToken, ClientMetadata.Raw metadata,
            ClientAddress from);

    default Result<OAuthClient, OAuthError> update(String clientId, String registrationAccessToken,
            ClientMetadata.Raw metadata) {
        return update(clientId, registrationAccessToken, metadata, null);
    }

    Result<Void, OAuthError> delete(String clientId, String registrationAccessToken, ClientAddress from);

    default Result<Void, OAuthError> delete(String clientId, String registrationAccessToken) {
        return delete(clientId, registrationAccessToken, null);
    }
}

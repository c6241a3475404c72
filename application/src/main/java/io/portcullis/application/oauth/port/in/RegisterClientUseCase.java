package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;

/** Dynamic client registration (RFC 7591) and its management protocol (RFC 7592). */
public interface RegisterClientUseCase {
    Result<RegisteredClient, OAuthError> register(ClientMetadata.Raw metadata);

    Result<OAuthClient, OAuthError> read(String clientId, String registrationAccessToken);

    Result<OAuthClient, OAuthError> update(String clientId, String registrationAccessToken, ClientMetadata.Raw metadata);

    Result<Void, OAuthError> delete(String clientId, String registrationAccessToken);
}

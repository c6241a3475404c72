package io.portcullis.application.oauth.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.shared.Result;
import java.util.List;

/** The apps management API: owners create, change and delete apps and secrets; members read. */
public interface ManageClientsUseCase {
    Result<OAuthClient, OAuthManagementError> create(Principal actor, ClientMetadata.Raw metadata);

    Result<List<OAuthClient>, OAuthManagementError> list(Principal actor);

    Result<OAuthClient, OAuthManagementError> get(Principal actor, String clientId);

    Result<OAuthClient, OAuthManagementError> update(Principal actor, String clientId, ClientMetadata.Raw metadata);

    Result<Void, OAuthManagementError> delete(Principal actor, String clientId);

    Result<IssuedSecret, OAuthManagementError> createSecret(Principal actor, String clientId);

    Result<List<ClientSecret>, OAuthManagementError> listSecrets(Principal actor, String clientId);

    Result<Void, OAuthManagementError> deleteSecret(Principal actor, String clientId, String secretId);

    /** A new secret with its plaintext, shown once. */
    record IssuedSecret(ClientSecret secret, String plaintext) {
        @Override
        public String toString() {
            return "IssuedSecret[" + secret.id() + "]";
        }
    }
}

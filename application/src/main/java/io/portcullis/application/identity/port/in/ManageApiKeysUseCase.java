package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.shared.Result;
import java.util.List;

/** Users' long-lived API tokens: create (shown once), list without secrets, delete. */
public interface ManageApiKeysUseCase {
    Result<IssuedApiKey, IdentityError> createToken(Principal actor, String userReference, CreateApiTokenCommand command);

    Result<List<ApiKey>, IdentityError> listTokens(Principal actor, String userReference);

    Result<Void, IdentityError> delete(Principal actor, String userReference, String keyId);
}

package io.portcullis.application.oauth.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.shared.Result;
import java.time.Instant;
import java.util.List;

/** The apps a user has authorized, and taking that authorization back. */
public interface ManageGrantsUseCase {
    List<AuthorizedClient> list(Principal actor);

    /** Revokes every grant the user gave this client, and so every token from them. */
    Result<Void, OAuthManagementError> revoke(Principal actor, String clientId);

    record AuthorizedClient(OAuthClient client, int grants, Instant firstAuthorizedAt, List<String> scopes) {
    }
}

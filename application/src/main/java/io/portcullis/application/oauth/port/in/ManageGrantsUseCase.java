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

    /** Owners: every user's grants, newest first, at most {@code limit}. */
    Result<List<io.portcullis.domain.oauth.Grant>, OAuthManagementError> listEveryone(Principal actor, int limit);

    /** Owners: revokes one grant of any user, and with it every token from it. */
    Result<Void, OAuthManagementError> revokeGrant(Principal actor, String grantId);

    record AuthorizedClient(OAuthClient client, int grants, Instant firstAuthorizedAt, List<String> scopes) {
    }
}

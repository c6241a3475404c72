package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * An access token to issue: for whom (a user through a grant, or — {@code userId} and {@code grantId} both null — the
 * client itself, client_credentials), to which client, with what scope, for which audience, for how long.
 */
public record IssueOAuthAccessTokenCommand(UUID userId, UUID grantId, UUID clientId, ScopeSet scope, ResourceUri audience,
        Duration lifetime) {
    public IssueOAuthAccessTokenCommand {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(audience, "audience");
        if ((userId == null) != (grantId == null)) {
            throw new IllegalArgumentException("a user's token needs its grant; a client's own token has neither");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("an access token lifetime must be positive");
        }
    }

    /** A user's token from a grant of {@code clientId}. */
    public static IssueOAuthAccessTokenCommand forUser(UUID userId, UUID grantId, UUID clientId, ScopeSet scope,
            ResourceUri audience, Duration lifetime) {
        return new IssueOAuthAccessTokenCommand(Objects.requireNonNull(userId, "userId"),
                Objects.requireNonNull(grantId, "grantId"), clientId, scope, audience, lifetime);
    }

    /** A client_credentials token: the client acts for itself. */
    public static IssueOAuthAccessTokenCommand forClient(UUID clientId, ScopeSet scope, ResourceUri audience,
            Duration lifetime) {
        return new IssueOAuthAccessTokenCommand(null, null, clientId, scope, audience, lifetime);
    }
}

package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** An access token to issue: for whom, from which grant, with what scope, for which audience, for how long. */
public record IssueOAuthAccessTokenCommand(UUID userId, UUID grantId, ScopeSet scope, ResourceUri audience,
        Duration lifetime) {
    public IssueOAuthAccessTokenCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(audience, "audience");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("an access token lifetime must be positive");
        }
    }
}

package io.portcullis.domain.oauth;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** A refresh token of a grant; rotated on use, and a second use of a rotated one revokes the grant. */
public record RefreshToken(String prefix, SecretDigest digest, UUID grantId, Instant createdAt, Instant expiresAt,
        Optional<Instant> rotatedAt) {
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** What a client presents to refresh (RFC 6749 §6): the token, and optionally a narrower scope and resource. */
    public record Presentation(PrefixedSecret token, String scope, String resource) {
        @Override
        public String toString() {
            return "Presentation[scope=" + scope + ", resource=" + resource + "]";
        }
    }

    /** The scope and audience of the tokens a rotation yields. */
    public record Rotation(ScopeSet scope, ResourceUri audience) {
    }

    /**
     * Checks a refresh by {@code client} of this token of {@code grant} at {@code now} (RFC 6749 §6): the
     * scope and resource may narrow what was granted, never widen it. A token rotated before fails with
     * {@link OAuthError.RefreshTokenReused} (RFC 9700 §4.14.2); the caller then revokes the grant. Marking
     * the token rotated is the caller's atomic store operation; this method changes nothing.
     *
     * @param servedResources which resource indicators name a protected resource this server serves
     */
    public Result<Rotation, OAuthError> rotate(OAuthClient client, Grant grant, Presentation presented,
            Predicate<ResourceUri> servedResources, Instant now) {
        if (!presented.token().prefix().equals(prefix) || !digest.matches(presented.token().secret())
                || !grant.id().equals(grantId)) {
            return Result.err(new OAuthError.InvalidGrant("the refresh token is invalid or has been revoked"));
        }
        if (!grant.clientId().equals(client.id())) {
            return Result.err(new OAuthError.InvalidGrant("the refresh token was issued to another client"));
        }
        if (rotatedAt.isPresent()) {
            return Result.err(new OAuthError.RefreshTokenReused());
        }
        if (isExpired(now)) {
            return Result.err(new OAuthError.InvalidGrant("the refresh token has expired"));
        }
        ScopeSet scope = grant.scope();
        if (presented.scope() != null) {
            try {
                scope = ScopeSet.parseSpaceDelimited(presented.scope());
            } catch (DomainValidationException e) {
                return Result.err(new OAuthError.InvalidScope(e.getMessage()));
            }
            if (!grant.scope().covers(scope)) {
                return Result.err(new OAuthError.InvalidScope("a refresh may narrow the granted scope, never widen it"));
            }
        }
        ResourceUri audience = grant.resource();
        if (presented.resource() != null) {
            Optional<ResourceUri> requested = AuthorizationCode.parseResource(presented.resource());
            if (requested.isEmpty() || !grant.resource().covers(requested.get()) || !servedResources.test(requested.get())) {
                return Result.err(new OAuthError.InvalidTarget("a refresh may narrow the resource, never widen it"));
            }
            audience = requested.get();
        }
        return Result.ok(new Rotation(scope, audience));
    }
}

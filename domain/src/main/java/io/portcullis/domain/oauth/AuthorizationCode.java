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

/**
 * An issued authorization code (RFC 6749 §4.1.2), bound to client, user, the redirect URI sent at
 * authorize (if any), the PKCE challenge, scope and resource. Single use.
 */
public record AuthorizationCode(String prefix, SecretDigest digest, UUID clientId, UUID userId,
        Optional<String> redirectUri, PkceChallenge challenge, ScopeSet scope, ResourceUri resource,
        boolean resourceSent, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * What a client presents at the token endpoint to redeem a code (RFC 6749 §4.1.3): the code itself, the
     * PKCE verifier (RFC 7636 §4.5), and the redirect URI and resource (RFC 8707 §2.2) when it sends them.
     */
    public record Presentation(PrefixedSecret code, String codeVerifier, String redirectUri, String resource) {
        @Override
        public String toString() {
            return "Presentation[redirectUri=" + redirectUri + ", resource=" + resource + "]";
        }
    }

    /**
     * Checks a redemption by {@code client} at {@code now} and answers the audience of the tokens it yields.
     * A code used before fails with {@link OAuthError.CodeReplayed}; the caller then revokes what it minted.
     * Marking the code used is the caller's atomic store operation; this method changes nothing.
     *
     * @param servedResources which resource indicators name a protected resource this server serves
     */
    public Result<ResourceUri, OAuthError> redeem(OAuthClient client, Presentation presented,
            Predicate<ResourceUri> servedResources, Instant now) {
        if (!presented.code().prefix().equals(prefix) || !digest.matches(presented.code().secret())) {
            return invalidGrant("the authorization code is invalid");
        }
        if (!clientId.equals(client.id())) {
            return invalidGrant("the authorization code was issued to another client");
        }
        if (usedAt.isPresent()) {
            return Result.err(new OAuthError.CodeReplayed());
        }
        if (isExpired(now)) {
            return invalidGrant("the authorization code has expired");
        }
        if (redirectUri.isPresent() && !redirectUri.get().equals(presented.redirectUri())) {
            return invalidGrant("redirect_uri must be the one sent to the authorization endpoint");
        }
        if (redirectUri.isEmpty() && presented.redirectUri() != null
                && client.metadata().resolveRedirect(presented.redirectUri()).isEmpty()) {
            return invalidGrant("redirect_uri is not registered for this client");
        }
        if (!challenge.verifies(presented.codeVerifier())) {
            return invalidGrant("code_verifier does not match the code_challenge");
        }
        if (presented.resource() == null) {
            return Result.ok(resource);
        }
        Optional<ResourceUri> requested = parseResource(presented.resource());
        if (requested.isEmpty() || (resourceSent ? !requested.get().equals(resource)
                : !resource.covers(requested.get()) || !servedResources.test(requested.get()))) {
            return Result.err(new OAuthError.InvalidTarget("resource does not match the authorization request"));
        }
        return Result.ok(requested.get());
    }

    private static Result<ResourceUri, OAuthError> invalidGrant(String reason) {
        return Result.err(new OAuthError.InvalidGrant(reason));
    }

    static Optional<ResourceUri> parseResource(String raw) {
        try {
            return Optional.of(ResourceUri.parse(raw));
        } catch (DomainValidationException e) {
            return Optional.empty();
        }
    }
}

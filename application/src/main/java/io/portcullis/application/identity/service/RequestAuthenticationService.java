package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.AuthenticateRequestUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.ApiKeyCredential;
import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Verifies presented API keys and OAuth access tokens; each refusal says exactly what was wrong. A credential
 * validated once is served from the {@link CredentialCache} while it is unexpired and nothing is due to be written
 * for it (its hourly {@code last_used}, a session's slide); then the store is read again, as for a new credential,
 * so those writes keep their rhythm and the owner's state is re-read at least hourly.
 */
public final class RequestAuthenticationService implements AuthenticateRequestUseCase {
    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final IdentityPolicy policy;
    private final CredentialCache cache;
    private final Clock clock;
    private final Optional<OidcLinkRefresher> oidcLinks;

    public RequestAuthenticationService(ApiKeyRepository keys, UserRepository users, IdentityPolicy policy,
            CredentialCache cache, Clock clock) {
        this(keys, users, policy, cache, clock, Optional.empty());
    }

    /** With {@code oidcLinks}, a session with login type {@code oidc} also needs its provider link to be usable. */
    public RequestAuthenticationService(ApiKeyRepository keys, UserRepository users, IdentityPolicy policy,
            CredentialCache cache, Clock clock, Optional<OidcLinkRefresher> oidcLinks) {
        this.keys = keys;
        this.users = users;
        this.policy = policy;
        this.cache = cache;
        this.clock = clock;
        this.oidcLinks = oidcLinks;
    }

    @Override
    public Result<Principal, AuthenticationFailure> authenticate(String presented, ResourceUri requestedResource) {
        return authenticateFromMemory(presented, requestedResource).orElseGet(() -> lookUp(presented, requestedResource));
    }

    @Override
    public Optional<Result<Principal, AuthenticationFailure>> authenticateFromMemory(String presented,
            ResourceUri requestedResource) {
        if (presented == null) {
            return Optional.of(Result.err(new AuthenticationFailure.Missing()));
        }
        Optional<Principal> cached = cache.find(presented);
        if (cached.isPresent() && servable(cached.get().key(), clock.instant())) {
            return Optional.of(audienceChecked(cached.get(), requestedResource));
        }
        if (ApiKeyCredential.parse(presented).isEmpty()) {
            return Optional.of(invalid("the access token is malformed"));
        }
        return Optional.empty();
    }

    private Result<Principal, AuthenticationFailure> lookUp(String presented, ResourceUri requestedResource) {
        ApiKeyCredential credential = ApiKeyCredential.parse(presented).orElseThrow();
        long stamp = cache.stamp();
        Optional<ApiKeyRepository.KeyWithOwner> found = keys.findWithOwner(credential.id());
        if (found.isEmpty() || !found.get().key().verifies(credential)) {
            return invalid("the access token is invalid or has been revoked");
        }
        ApiKey key = found.get().key();
        Instant now = clock.instant();
        if (key.isExpired(now)) {
            return invalid("the access token expired at " + DateTimeFormatter.ISO_INSTANT.format(key.expiresAt()));
        }
        // a client_credentials token has no user (owner null): the client acts for itself
        if (found.get().owner() != null && !found.get().owner().isActive()) {
            return invalid("the account that owns this token is suspended");
        }
        Optional<String> ended = key.loginType() == LoginType.OIDC
                ? oidcLinks.flatMap(l -> l.sessionEnded(key.userId())) : Optional.empty();
        if (ended.isPresent()) {
            // the provider no longer vouches for this person: the session ends, its expiry untouched until then
            keys.delete(key.id());
            cache.keyRevoked(key.id());
            return invalid(ended.get() + "; sign in again");
        }
        Result<Principal, AuthenticationFailure> checked = audienceChecked(new Principal(found.get().owner(), key),
                requestedResource);
        if (!checked.isOk()) {
            return checked;
        }
        Optional<Instant> slid = key.slidExpiry(now, policy.sessionSliding());
        if (slid.isPresent() || key.lastUsedDue(now)) {
            // written at most hourly per key, keeping authentication read-only on the hot path
            keys.recordUse(key.id(), now, slid.orElse(key.expiresAt()));
            if (key.userId() != null) {
                users.touchLastSeen(key.userId(), now);
            }
            // read back (hourly), so the principal and what is cached show exactly what the store now holds
            found = keys.findWithOwner(credential.id());
            if (found.isEmpty()) {
                return invalid("the access token is invalid or has been revoked");
            }
        }
        Principal principal = new Principal(found.get().owner(), found.get().key());
        cache.put(presented, principal, stamp);
        return Result.ok(principal);
    }

    /** A cached key may answer while unexpired and while nothing is due to be written for it. */
    private boolean servable(ApiKey key, Instant now) {
        // an oidc session's provider link is looked at on every request (refresh due, or the provider said no)
        boolean linkToCheck = key.loginType() == LoginType.OIDC && oidcLinks.isPresent();
        return !linkToCheck && !key.isExpired(now) && !key.lastUsedDue(now) && key.slidExpiry(now, policy.sessionSliding()).isEmpty();
    }

    private static Result<Principal, AuthenticationFailure> audienceChecked(Principal principal, ResourceUri requested) {
        ApiKey key = principal.key();
        if (key.loginType() == LoginType.OAUTH2_PROVIDER_APP
                && (key.audience().isEmpty() || !key.audience().get().covers(requested))) {
            return invalid("the access token's audience does not include this resource");
        }
        return Result.ok(principal);
    }

    private static Result<Principal, AuthenticationFailure> invalid(String description) {
        return Result.err(new AuthenticationFailure.InvalidToken(description));
    }
}

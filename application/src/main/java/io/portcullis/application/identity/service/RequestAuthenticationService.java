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

/** Verifies presented API keys and OAuth access tokens; each refusal says exactly what was wrong. */
public final class RequestAuthenticationService implements AuthenticateRequestUseCase {
    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final IdentityPolicy policy;
    private final Clock clock;

    public RequestAuthenticationService(ApiKeyRepository keys, UserRepository users, IdentityPolicy policy, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Result<Principal, AuthenticationFailure> authenticate(String presented, ResourceUri requestedResource) {
        if (presented == null) {
            return Result.err(new AuthenticationFailure.Missing());
        }
        Optional<ApiKeyCredential> credential = ApiKeyCredential.parse(presented);
        if (credential.isEmpty()) {
            return invalid("the access token is malformed");
        }
        Optional<ApiKeyRepository.KeyWithOwner> found = keys.findWithOwner(credential.get().id());
        if (found.isEmpty() || !found.get().key().verifies(credential.get())) {
            return invalid("the access token is invalid or has been revoked");
        }
        ApiKey key = found.get().key();
        Instant now = clock.instant();
        if (key.isExpired(now)) {
            return invalid("the access token expired at " + DateTimeFormatter.ISO_INSTANT.format(key.expiresAt()));
        }
        if (!found.get().owner().isActive()) {
            return invalid("the account that owns this token is suspended");
        }
        if (key.loginType() == LoginType.OAUTH2_PROVIDER_APP
                && (key.audience().isEmpty() || !key.audience().get().covers(requestedResource))) {
            return invalid("the access token's audience does not include this resource");
        }
        Optional<Instant> slid = key.slidExpiry(now, policy.sessionSliding());
        if (slid.isPresent() || key.lastUsedDue(now)) {
            // written at most hourly per key, keeping authentication read-only on the hot path
            keys.recordUse(key.id(), now, slid.orElse(key.expiresAt()));
            users.touchLastSeen(key.userId(), now);
        }
        return Result.ok(new Principal(found.get().owner(), key));
    }

    private static Result<Principal, AuthenticationFailure> invalid(String description) {
        return Result.err(new AuthenticationFailure.InvalidToken(description));
    }
}

package io.portcullis.application.oauth.service;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.AuthorizationCode;
import io.portcullis.domain.oauth.ClientResolutionError;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RedirectUri;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorization requests (RFC 6749 §4.1.1, RFC 7636 §4.3, RFC 8707 §2.1). The client and redirect URI
 * are checked first: until both are trusted, refusals are shown, never redirected. A registered resource
 * (PRODUCT §7) may be named as resource; its own scope list then bounds the scope.
 */
public final class AuthorizationService implements AuthorizeUseCase {
    private final ClientDirectory clients;
    private final AuthorizationCodeRepository codes;
    private final OAuthPolicy policy;
    private final ProtectedResourcesPort resources;
    private final RegisteredResourceRepository registeredResources;
    private final RandomSource random;
    private final Clock clock;

    private final AuditTrail audit;

    public AuthorizationService(ClientDirectory clients, AuthorizationCodeRepository codes, OAuthPolicy policy,
            ProtectedResourcesPort resources, RegisteredResourceRepository registered, RandomSource random, Clock clock,
            AuditTrail audit) {
        this.audit = audit;
        this.registeredResources = registered;
        this.clients = clients;
        this.codes = codes;
        this.policy = policy;
        this.resources = resources;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Result<ValidatedAuthorization, AuthorizeRefusal> validate(AuthorizationRequest request) {
        Result<OAuthClient, ClientResolutionError> found = clients.resolve(request.clientId());
        if (!found.isOk()) {
            return untrusted(found.error().message());
        }
        Optional<OAuthClient> client = Optional.of(found.value());
        Optional<RedirectUri> registered = client.get().metadata().resolveRedirect(request.redirectUri());
        if (registered.isEmpty()) {
            return untrusted(request.redirectUri() == null
                    ? "The application registered several redirect URIs; the request must name one."
                    : "The redirect_uri is not registered for this application.");
        }
        String redirect = request.redirectUri() != null ? request.redirectUri() : registered.get().value();
        String state = request.state();
        if (request.repeatedParameter().isPresent()) {
            return toClient(redirect, new OAuthError.InvalidRequest("parameter " + request.repeatedParameter().get()
                    + " must not be repeated"), state);
        }
        if (!"code".equals(request.responseType())) {
            return toClient(redirect, new OAuthError.UnsupportedResponseType("response_type must be code"), state);
        }
        if (request.codeChallenge() == null) {
            return toClient(redirect, new OAuthError.InvalidRequest("code_challenge is required (PKCE S256)"), state);
        }
        if (request.codeChallengeMethod() != null && !"S256".equals(request.codeChallengeMethod())) {
            return toClient(redirect, new OAuthError.InvalidRequest("code_challenge_method must be S256"), state);
        }
        PkceChallenge challenge;
        try {
            challenge = new PkceChallenge(request.codeChallenge());
        } catch (DomainValidationException e) {
            return toClient(redirect, new OAuthError.InvalidRequest(e.getMessage()), state);
        }
        ResourceUri resource = policy.serverResource();
        Optional<RegisteredResource> target = Optional.empty();
        if (request.resource() != null) {
            try {
                resource = ResourceUri.parse(request.resource());
            } catch (DomainValidationException e) {
                return toClient(redirect, new OAuthError.InvalidTarget("resource must be an absolute http(s) URI"), state);
            }
            target = registeredResources.findByResource(resource);
            if (target.isEmpty() && (!policy.acceptsResource(resource) || !resources.isProtectedResource(resource))) {
                return toClient(redirect, new OAuthError.InvalidTarget("resource " + resource
                        + " is not a protected resource of this server"), state);
            }
        }
        Result<ScopeSet, OAuthError> scope = target.isPresent()
                ? target.get().grantableScope(request.scope(), client.get().metadata().scope())
                : client.get().grantableScope(request.scope());
        if (!scope.isOk()) {
            return toClient(redirect, scope.error(), state);
        }
        return Result.ok(new ValidatedAuthorization(client.get(), redirect, request.redirectUri() != null, scope.value(),
                resource, request.resource() != null, challenge, state));
    }

    @Override
    public String approve(ValidatedAuthorization authorization, UUID userId, ClientAddress from) {
        PrefixedSecret code = PrefixedSecret.mint(random);
        Instant now = clock.instant();
        return audit.recording(() -> {
            codes.insert(new AuthorizationCode(code.prefix(), code.digest(), authorization.client().id(), userId,
                    authorization.redirectUriSent() ? Optional.of(authorization.redirectUri()) : Optional.empty(),
                    authorization.challenge(), authorization.scope(), authorization.resource(), authorization.resourceSent(),
                    now, now.plus(policy.codeLifetime()), Optional.empty()));
            return code.presentable();
        }, issued -> consent(AuditAction.OAUTH2_CONSENT_ALLOW, authorization, userId, from));
    }

    @Override
    public void deny(ValidatedAuthorization authorization, UUID userId, ClientAddress from) {
        audit.record(consent(AuditAction.OAUTH2_CONSENT_DENY, authorization, userId, from).failed());
    }

    private static AuditEvent consent(AuditAction action, ValidatedAuthorization authorization, UUID userId,
            ClientAddress from) {
        return AuditEvent.of(action, AuditActor.user(userId, from).withClient(authorization.client().id().toString()))
                .target("oauth2_client", authorization.client().id())
                .detail("scope=" + authorization.scope().spaceDelimited() + " resource=" + authorization.resource().value());
    }

    private static Result<ValidatedAuthorization, AuthorizeRefusal> untrusted(String message) {
        return Result.err(new AuthorizeRefusal.Untrusted(message));
    }

    private static Result<ValidatedAuthorization, AuthorizeRefusal> toClient(String redirect, OAuthError error, String state) {
        return Result.err(new AuthorizeRefusal.ToClient(redirect, error, state));
    }
}

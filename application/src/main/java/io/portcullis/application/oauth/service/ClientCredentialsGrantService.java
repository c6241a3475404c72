package io.portcullis.application.oauth.service;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenCommand;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.ClientCredentialsGrantUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.ClientType;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.util.Optional;

/**
 * RFC 6749 §4.4: a confidential client registered with {@code client_credentials} gets a token on its own behalf
 * ({@code sub} = its client id), without a refresh token, for a registered resource (within the resource's scopes and
 * its own allow list) or for the API (PRODUCT §7). An API token is opaque like every token of Portcullis's own
 * resources, within the API's scope vocabulary and the client's allow list; only clients an owner created through the
 * apps API may get one, since anybody may register a client (RFC 7591).
 */
public final class ClientCredentialsGrantService implements ClientCredentialsGrantUseCase {
    private final RegisteredResourceRepository resources;
    private final ResourceTokenMinter minter;
    private final IssueOAuthAccessTokenUseCase accessTokens;
    private final OAuthPolicy policy;
    private final ResourceUri api;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final AuditTrail audit;

    public ClientCredentialsGrantService(RegisteredResourceRepository resources, ResourceTokenMinter minter,
            IssueOAuthAccessTokenUseCase accessTokens, OAuthPolicy policy, ResourceUri api, UnitOfWork unitOfWork,
            Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.resources = resources;
        this.minter = minter;
        this.accessTokens = accessTokens;
        this.policy = policy;
        this.api = api;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public Result<TokenResponse, OAuthError> grant(OAuthClient client, String scope, String resource, ClientAddress from) {
        if (client.clientType() != ClientType.CONFIDENTIAL || !client.metadata().allowsGrant("client_credentials")) {
            return Result.err(new OAuthError.UnauthorizedClient(
                    "this client is not registered for client_credentials (a confidential client must list it in grant_types)"));
        }
        if (resource == null) {
            return Result.err(new OAuthError.InvalidTarget(
                    "resource is required: name the API (" + api.value() + ") or the registered resource the token is for"));
        }
        ResourceUri audience;
        try {
            audience = ResourceUri.parse(resource);
        } catch (DomainValidationException e) {
            return Result.err(new OAuthError.InvalidTarget("resource must be an absolute http(s) URI"));
        }
        if (audience.equals(api)) {
            return apiToken(client, scope, from);
        }
        Optional<RegisteredResource> target = resources.findByResource(audience);
        if (target.isEmpty()) {
            return Result.err(new OAuthError.InvalidTarget("resource " + resource
                    + " is neither the API nor a registered resource"));
        }
        Result<ScopeSet, OAuthError> granted = target.get().grantableScope(scope, client.metadata().scope());
        if (!granted.isOk()) {
            return Result.err(granted.error());
        }
        ResourceTokenMinter.Minted minted = unitOfWork.inTransaction(() -> {
            audit.record(AuditEvent.of(AuditAction.OAUTH2_TOKEN_ISSUE, AuditActor.client(client.id().toString(), from))
                    .target("oauth2_client", client.id())
                    .detail(TokenIssuer.issueDetail("client_credentials", granted.value(), target.get().resource())));
            return minter.mint(client, Optional.empty(), Optional.empty(), target.get(), granted.value(), clock.instant());
        });
        return Result.ok(new TokenResponse(minted.token(), minted.expiresIn(), null, granted.value().spaceDelimited()));
    }

    /** An opaque API key of the client, for no user: it reaches only the API routes that need none (PRODUCT §7). */
    private Result<TokenResponse, OAuthError> apiToken(OAuthClient client, String scope, ClientAddress from) {
        if (client.dynamicallyRegistered() || client.document().isPresent()) {
            return Result.err(new OAuthError.UnauthorizedClient("only clients an owner created through the apps API may"
                    + " get client_credentials tokens for the API; a self-registered client may ask for a registered resource"));
        }
        Result<ScopeSet, OAuthError> granted = client.grantableScope(scope);
        if (!granted.isOk()) {
            return Result.err(granted.error());
        }
        String token = unitOfWork.inTransaction(() -> {
            audit.record(AuditEvent.of(AuditAction.OAUTH2_TOKEN_ISSUE, AuditActor.client(client.id().toString(), from))
                    .target("oauth2_client", client.id())
                    .detail(TokenIssuer.issueDetail("client_credentials", granted.value(), api)));
            return accessTokens.issue(IssueOAuthAccessTokenCommand.forClient(client.id(), granted.value(), api,
                    policy.accessTokenLifetime()));
        });
        return Result.ok(new TokenResponse(token, policy.accessTokenLifetime().toSeconds(), null,
                granted.value().spaceDelimited()));
    }
}

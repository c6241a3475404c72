package io.portcullis.application.oauth.service;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.oauth.port.in.ClientCredentialsGrantUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.ClientType;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.util.Optional;

/**
 * RFC 6749 §4.4: a confidential client registered with {@code client_credentials} gets a token for a registered
 * resource on its own behalf ({@code sub} = its client id), within the resource's scopes and its own allow list,
 * without a refresh token.
 */
public final class ClientCredentialsGrantService implements ClientCredentialsGrantUseCase {
    private final RegisteredResourceRepository resources;
    private final ResourceTokenMinter minter;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final AuditTrail audit;

    public ClientCredentialsGrantService(RegisteredResourceRepository resources, ResourceTokenMinter minter,
            UnitOfWork unitOfWork, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.resources = resources;
        this.minter = minter;
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
            return Result.err(new OAuthError.InvalidTarget("resource is required: name the registered resource the token is for"));
        }
        Optional<RegisteredResource> target;
        try {
            target = resources.findByResource(ResourceUri.parse(resource));
        } catch (DomainValidationException e) {
            return Result.err(new OAuthError.InvalidTarget("resource must be an absolute http(s) URI"));
        }
        if (target.isEmpty()) {
            return Result.err(new OAuthError.InvalidTarget("resource " + resource + " is not a registered resource"));
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
}

package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.in.FindOAuthAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.IntrospectTokenUseCase;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.oauth.port.out.UserNamesPort;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.oauth.ResourceAccessToken;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * RFC 7662 introspection (PRODUCT §7): a resource's introspection client learns about tokens whose audience is that
 * resource, any client about its own tokens — registered resources' tokens and Portcullis's own opaque access tokens
 * (through identity's {@link FindOAuthAccessTokenUseCase}); unknown, expired, revoked or someone else's tokens are all
 * simply {@code active: false}, so the answer reveals nothing about tokens the caller may not see.
 */
public final class IntrospectTokenService implements IntrospectTokenUseCase {
    private final ResourceTokenFinder finder;
    private final RegisteredResourceRepository resources;
    private final OAuthClientRepository clients;
    private final UserNamesPort users;
    private final FindOAuthAccessTokenUseCase ownTokens;
    private final Clock clock;

    public IntrospectTokenService(ResourceTokenFinder finder, RegisteredResourceRepository resources,
            OAuthClientRepository clients, UserNamesPort users, FindOAuthAccessTokenUseCase ownTokens, Clock clock) {
        this.finder = finder;
        this.ownTokens = ownTokens;
        this.resources = resources;
        this.clients = clients;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Introspection introspect(OAuthClient caller, String token) {
        Instant now = clock.instant();
        Optional<ResourceAccessToken> found = finder.find(token, now);
        if (found.isEmpty()) {
            return ownTokens.findIssuedTo(token, caller.id()).map(t -> new Introspection(true, t.scope().spaceDelimited(),
                    caller.clientId(), t.userId().map(UUID::toString).orElse(caller.clientId()), t.username().orElse(null),
                    List.of(t.audience().value()), t.issuedAt().getEpochSecond(), t.expiresAt().getEpochSecond(), "Bearer"))
                    .orElse(Introspection.INACTIVE);
        }
        ResourceAccessToken t = found.get();
        Optional<RegisteredResource> audience = resources.findByResource(t.audience());
        if (!t.introspectableBy(caller.id(), audience)) {
            return Introspection.INACTIVE;
        }
        String clientId = t.clientId().equals(caller.id()) ? caller.clientId()
                : clients.findById(t.clientId()).map(OAuthClient::clientId).orElse(t.clientId().toString());
        String subject = t.userId().map(UUID::toString).orElse(clientId);
        String username = t.userId().flatMap(users::username).orElse(null);
        return new Introspection(true, t.scope().spaceDelimited(), clientId, subject, username,
                List.of(t.audience().value()), t.issuedAt().getEpochSecond(), t.expiresAt().getEpochSecond(), "Bearer");
    }
}

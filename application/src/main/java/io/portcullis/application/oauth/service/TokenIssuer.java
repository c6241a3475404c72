package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenCommand;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RefreshToken;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Instant;
import java.util.Optional;

/**
 * Mints the tokens of a grant (RFC 6749 §5.1): an audience-bound access token through the identity context,
 * and a new refresh token when the client may refresh. Shared by the code and refresh grants.
 */
public final class TokenIssuer {
    private final IssueOAuthAccessTokenUseCase accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final OAuthPolicy policy;
    private final RandomSource random;
    private final RegisteredResourceRepository registeredResources;
    private final ResourceTokenMinter resourceTokens;

    public TokenIssuer(IssueOAuthAccessTokenUseCase accessTokens, RefreshTokenRepository refreshTokens, OAuthPolicy policy,
            RandomSource random) {
        this(accessTokens, refreshTokens, policy, random, null, null);
    }

    /** Also issues tokens for registered resources, in their own format and lifetime (PRODUCT §7). */
    public TokenIssuer(IssueOAuthAccessTokenUseCase accessTokens, RefreshTokenRepository refreshTokens, OAuthPolicy policy,
            RandomSource random, RegisteredResourceRepository registeredResources, ResourceTokenMinter resourceTokens) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.policy = policy;
        this.random = random;
        this.registeredResources = registeredResources;
        this.resourceTokens = resourceTokens;
    }

    TokenResponse issue(OAuthClient client, Grant grant, ScopeSet scope, ResourceUri audience, Instant now) {
        Optional<RegisteredResource> registered = registeredResources == null ? Optional.empty()
                : registeredResources.findByResource(audience);
        String access;
        long expiresIn;
        if (registered.isPresent()) {
            ResourceTokenMinter.Minted minted = resourceTokens.mint(client, Optional.of(grant.userId()),
                    Optional.of(grant.id()), registered.get(), scope, now);
            access = minted.token();
            expiresIn = minted.expiresIn();
        } else {
            access = accessTokens.issue(new IssueOAuthAccessTokenCommand(grant.userId(), grant.id(), scope, audience,
                    policy.accessTokenLifetime()));
            expiresIn = policy.accessTokenLifetime().toSeconds();
        }
        String refresh = null;
        if (client.allowsRefresh()) {
            PrefixedSecret token = PrefixedSecret.mint(random);
            refreshTokens.insert(new RefreshToken(token.prefix(), token.digest(), grant.id(), now,
                    now.plus(policy.refreshTokenLifetime()), Optional.empty()));
            refresh = token.presentable();
        }
        return new TokenResponse(access, expiresIn, refresh, scope.spaceDelimited());
    }
}

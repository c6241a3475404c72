package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenCommand;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RefreshToken;
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

    public TokenIssuer(IssueOAuthAccessTokenUseCase accessTokens, RefreshTokenRepository refreshTokens, OAuthPolicy policy,
            RandomSource random) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.policy = policy;
        this.random = random;
    }

    TokenResponse issue(OAuthClient client, Grant grant, ScopeSet scope, ResourceUri audience, Instant now) {
        String access = accessTokens.issue(new IssueOAuthAccessTokenCommand(grant.userId(), grant.id(), scope, audience,
                policy.accessTokenLifetime()));
        String refresh = null;
        if (client.allowsRefresh()) {
            PrefixedSecret token = PrefixedSecret.mint(random);
            refreshTokens.insert(new RefreshToken(token.prefix(), token.digest(), grant.id(), now,
                    now.plus(policy.refreshTokenLifetime()), Optional.empty()));
            refresh = token.presentable();
        }
        return new TokenResponse(access, policy.accessTokenLifetime().toSeconds(), refresh, scope.spaceDelimited());
    }
}

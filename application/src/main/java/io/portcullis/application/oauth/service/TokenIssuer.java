package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenCommand;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RefreshToken;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints the tokens of a grant (RFC 6749 §5.1): refresh tokens, which the grant's own store operation saves (with the
 * code it redeems or the token it rotates), and an audience-bound access token through the identity context.
 * Shared by the code and refresh grants.
 */
public final class TokenIssuer {
    private final IssueOAuthAccessTokenUseCase accessTokens;
    private final OAuthPolicy policy;
    private final RandomSource random;

    public TokenIssuer(IssueOAuthAccessTokenUseCase accessTokens, OAuthPolicy policy, RandomSource random) {
        this.accessTokens = accessTokens;
        this.policy = policy;
        this.random = random;
    }

    /** A new refresh token of the grant, not stored yet, with the plaintext to hand out once. */
    record Minted(RefreshToken token, String presentable) {
        @Override
        public String toString() {
            return "Minted[" + token.prefix() + "]";
        }
    }

    Minted mintRefreshToken(UUID grantId, Instant now) {
        PrefixedSecret secret = PrefixedSecret.mint(random);
        return new Minted(new RefreshToken(secret.prefix(), secret.digest(), grantId, now,
                now.plus(policy.refreshTokenLifetime()), Optional.empty()), secret.presentable());
    }

    /** Issues the access token and answers with it and {@code refresh}, which the caller has stored. */
    TokenResponse respond(Grant grant, ScopeSet scope, ResourceUri audience, Optional<Minted> refresh) {
        String access = accessTokens.issue(new IssueOAuthAccessTokenCommand(grant.userId(), grant.id(), scope, audience,
                policy.accessTokenLifetime()));
        return new TokenResponse(access, policy.accessTokenLifetime().toSeconds(), refresh.map(Minted::presentable).orElse(null),
                scope.spaceDelimited());
    }
}

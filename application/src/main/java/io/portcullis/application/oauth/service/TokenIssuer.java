package io.portcullis.application.oauth.service;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenCommand;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
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
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Mints the tokens of a grant (RFC 6749 §5.1): refresh tokens, which the grant's own store operation saves (with the
 * code it redeems or the token it rotates), and the access token — through the identity context for Portcullis's own
 * resources, or in a registered resource's own format and lifetime (PRODUCT §7). Shared by the code and refresh grants.
 */
public final class TokenIssuer {
    private final IssueOAuthAccessTokenUseCase accessTokens;
    private final OAuthPolicy policy;
    private final RandomSource random;
    private final RegisteredResourceRepository registeredResources;
    private final ResourceTokenMinter resourceTokens;
    private final Predicate<ResourceUri> ownResources;
    private final AuditTrail audit;

    /** Without registered resources: every audience is one of Portcullis's own. */
    public TokenIssuer(IssueOAuthAccessTokenUseCase accessTokens, OAuthPolicy policy, RandomSource random,
            AuditTrail audit) {
        this(accessTokens, policy, random, null, null, resource -> true, audit);
    }

    /**
     * {@code ownResources} tells Portcullis's own resources (the API, {@code /mcp/*}), which keep opaque tokens
     * (PRODUCT §7) and need no registered-resource look-up.
     */
    public TokenIssuer(IssueOAuthAccessTokenUseCase accessTokens, OAuthPolicy policy, RandomSource random,
            RegisteredResourceRepository registeredResources, ResourceTokenMinter resourceTokens,
            Predicate<ResourceUri> ownResources, AuditTrail audit) {
        this.audit = audit;
        this.accessTokens = accessTokens;
        this.policy = policy;
        this.random = random;
        this.registeredResources = registeredResources;
        this.resourceTokens = resourceTokens;
        this.ownResources = ownResources;
    }

    /** A new refresh token of the grant, not stored yet, with the plaintext to hand out once. */
    record Minted(RefreshToken token, String presentable) {
        @Override
        public String toString() {
            return "Minted[" + token.prefix() + "]";
        }
    }

    Minted mintRefreshToken(UUID grantId, Instant now) {
        return minted(PrefixedSecret.mint(random), grantId, now);
    }

    /** A fresh secret for the successor of a refresh token whose grant the store names; see {@link #minted}. */
    PrefixedSecret mintRefreshSecret() {
        return PrefixedSecret.mint(random);
    }

    /** When a refresh token created {@code now} expires. */
    Instant refreshExpiry(Instant now) {
        return now.plus(policy.refreshTokenLifetime());
    }

    /** The refresh token of {@code grantId} with {@code secret}, created {@code now}. */
    Minted minted(PrefixedSecret secret, UUID grantId, Instant now) {
        return new Minted(new RefreshToken(secret.prefix(), secret.digest(), grantId, now, refreshExpiry(now),
                Optional.empty()), secret.presentable());
    }

    /**
     * Issues the access token and answers with it and {@code refresh}, which the caller has stored; records
     * {@code oauth2.token.issue} in the caller's transaction (one INSERT).
     */
    TokenResponse respond(OAuthClient client, Grant grant, ScopeSet scope, ResourceUri audience, Optional<Minted> refresh,
            Instant now, String grantType, ClientAddress from) {
        audit.record(AuditEvent.of(AuditAction.OAUTH2_TOKEN_ISSUE, new AuditActor(Optional.of(grant.userId()),
                Optional.of(client.id().toString()), Optional.ofNullable(from))).target("oauth2_grant", grant.id())
                .detail(issueDetail(grantType, scope, audience)));
        Optional<RegisteredResource> registered = registeredResources == null || ownResources.test(audience)
                ? Optional.empty() : registeredResources.findByResource(audience);
        String access;
        long expiresIn;
        if (registered.isPresent()) {
            ResourceTokenMinter.Minted minted = resourceTokens.mint(client, Optional.of(grant.userId()),
                    Optional.of(grant.id()), registered.get(), scope, now);
            access = minted.token();
            expiresIn = minted.expiresIn();
        } else {
            access = accessTokens.issue(IssueOAuthAccessTokenCommand.forUser(grant.userId(), grant.id(), client.id(), scope,
                    audience, policy.accessTokenLifetime()));
            expiresIn = policy.accessTokenLifetime().toSeconds();
        }
        return new TokenResponse(access, expiresIn, refresh.map(Minted::presentable).orElse(null), scope.spaceDelimited());
    }

    static String issueDetail(String grantType, ScopeSet scope, ResourceUri audience) {
        return "grant_type=" + grantType + " scope=" + scope.spaceDelimited() + " resource=" + audience.value();
    }
}

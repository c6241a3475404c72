package io.portcullis.application.oauth.service;

import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.oauth.RefreshToken;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The refresh token grant: one store statement locks the grant's row first (so refreshes, reuse detection and
 * revocation of one grant take turns), marks the token rotated and stores its successor (exactly one caller wins);
 * {@link RefreshToken#rotate} then checks the request (a refusal undoes the rotation in the same transaction), and
 * the access token is issued. Reuse revokes the whole grant.
 */
public final class RefreshAccessTokenService implements RefreshAccessTokenUseCase {
    private static final OAuthError UNKNOWN = new OAuthError.InvalidGrant("the refresh token is invalid or has been revoked");
    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final ProtectedResourcesPort resources;
    private final TokenIssuer issuer;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final InvalidateCredentialsUseCase credentials;
    private final AuditTrail audit;

    public RefreshAccessTokenService(RefreshTokenRepository refreshTokens, GrantRepository grants,
            ProtectedResourcesPort resources, TokenIssuer issuer, UnitOfWork unitOfWork, Clock clock,
            InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        this.audit = audit;
        this.credentials = credentials;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.resources = resources;
        this.issuer = issuer;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public Result<TokenResponse, OAuthError> refresh(RefreshAccessTokenCommand command) {
        OAuthClient client = command.client();
        if (!client.allowsRefresh()) {
            return Result.err(new OAuthError.UnauthorizedClient("this client may not use refresh_token"));
        }
        Optional<PrefixedSecret> presented = PrefixedSecret.parse(command.refreshToken());
        if (presented.isEmpty()) {
            return Result.err(UNKNOWN);
        }
        return unitOfWork.inTransaction(() -> {
            Instant now = clock.instant();
            // the successor is minted before the grant is known, so the lock, the rotation and the successor's
            // insert are one statement; a refusal found after it undoes the rotation in the same transaction
            PrefixedSecret successor = issuer.mintRefreshSecret();
            Optional<RefreshTokenRepository.OfGrant> held = refreshTokens.rotateLockingGrant(presented.get().prefix(), now,
                    new RefreshTokenRepository.Successor(successor.prefix(), successor.digest(),
                            issuer.refreshExpiry(now)));
            if (held.isEmpty()) {
                return Result.err(UNKNOWN);
            }
            RefreshToken token = held.get().token();
            Grant grant = held.get().grant();
            Result<RefreshToken.Rotation, OAuthError> rotation = token.rotate(client, grant,
                    new RefreshToken.Presentation(presented.get(), command.scope(), command.resource()),
                    resources::isProtectedResource, now);
            if (!rotation.isOk()) {
                if (token.rotatedAt().isEmpty()) {
                    refreshTokens.undoRotation(token.prefix(), successor.prefix());
                }
                return rotation.error() instanceof OAuthError.RefreshTokenReused ? reused(grant, command)
                        : Result.err(rotation.error());
            }
            return Result.ok(issuer.respond(client, grant, rotation.value().scope(), rotation.value().audience(),
                    Optional.of(issuer.minted(successor, grant.id(), now)), now, "refresh_token", command.from()));
        });
    }

    /**
     * RFC 9700 §4.14.2: a rotated refresh token used again revokes the grant and every token in it. The refusal is
     * returned, not thrown, so the revocation and its audit entry commit together.
     */
    private Result<TokenResponse, OAuthError> reused(Grant grant, RefreshAccessTokenCommand command) {
        grants.delete(grant.id());
        audit.record(AuditEvent.of(AuditAction.OAUTH2_REFRESH_REUSE_DETECTED, new AuditActor(Optional.of(grant.userId()),
                Optional.of(command.client().id().toString()), Optional.ofNullable(command.from())))
                .target("oauth2_grant", grant.id()).failed().detail("grant revoked"));
        credentials.grantRevoked(grant.id());
        return Result.err(new OAuthError.RefreshTokenReused());
    }
}

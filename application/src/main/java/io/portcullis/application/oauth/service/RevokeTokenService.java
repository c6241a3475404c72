package io.portcullis.application.oauth.service;

import java.util.UUID;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.RevokeOAuthAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.RevokeTokenUseCase;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.PrefixedSecret;
import java.util.Optional;

/**
 * Token revocation (RFC 7009 §2): a refresh token ends its whole grant, an access token only itself, and
 * only when it was issued to the revoking client. Unknown tokens are ignored. The grant's row is locked before
 * anything of it is deleted (PRODUCT §12), so a revocation answered 200 leaves no token of the grant working.
 */
public final class RevokeTokenService implements RevokeTokenUseCase {
    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final RevokeOAuthAccessTokenUseCase accessTokens;
    private final UnitOfWork unitOfWork;
    private final InvalidateCredentialsUseCase credentials;
    private final AuditTrail audit;

    public RevokeTokenService(RefreshTokenRepository refreshTokens, GrantRepository grants,
            RevokeOAuthAccessTokenUseCase accessTokens, UnitOfWork unitOfWork,
            InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        this.audit = audit;
        this.credentials = credentials;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public void revoke(OAuthClient client, String token, String tokenTypeHint, ClientAddress from) {
        if (token == null) {
            return;
        }
        unitOfWork.inTransaction(() -> {
            // the hint only orders the look-ups (RFC 7009 §2.1); the token's shape says which kind it is
            Optional<PrefixedSecret> refresh = PrefixedSecret.parse(token);
            if (refresh.isPresent()) {
                // the grant's row lock first, as refresh takes it: a racing refresh either finished before or finds it gone
                refreshTokens.findLockingGrant(refresh.get().prefix())
                        .filter(held -> held.token().digest().matches(refresh.get().secret()))
                        .map(RefreshTokenRepository.OfGrant::grant)
                        .filter(g -> g.clientId().equals(client.id()))
                        .ifPresent(g -> {
                            grants.delete(g.id());
                            revoked(client, g.userId(), g.id(), "refresh_token", from);
                            credentials.grantRevoked(g.id());
                        });
                return null;
            }
            accessTokens.revoke(token, grantId -> grants.findLocking(grantId).filter(g -> g.clientId().equals(client.id()))
                    .map(g -> {
                        // accepted: the access token is deleted next, in this transaction
                        revoked(client, g.userId(), g.id(), "access_token", from);
                        return true;
                    }).orElse(false));
            accessTokens.revokeClientToken(token, client.id());
            return null;
        });
    }

    private void revoked(OAuthClient client, UUID userId, UUID grantId, String tokenType, ClientAddress from) {
        audit.record(AuditEvent.of(AuditAction.OAUTH2_REVOKE, new AuditActor(Optional.of(userId),
                Optional.of(client.id().toString()), Optional.ofNullable(from))).target("oauth2_grant", grantId)
                .detail("token_type=" + tokenType));
    }
}

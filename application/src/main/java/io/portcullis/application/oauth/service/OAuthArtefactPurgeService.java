package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.PurgeStaleOAuthArtefactsUseCase;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes codes and refresh tokens a day after they expired, then grants left with no token. Rotated refresh
 * tokens are kept until they expire, so reuse is still detected. Clients that registered themselves (or came from
 * a metadata document) and have held nothing for 30 days go too: open registration must not grow the store
 * without bound.
 */
public final class OAuthArtefactPurgeService implements PurgeStaleOAuthArtefactsUseCase {
    static final Duration TOKEN_RETENTION = Duration.ofDays(1);
    static final Duration UNUSED_CLIENT_RETENTION = Duration.ofDays(30);
    private final AuthorizationCodeRepository codes;
    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final OAuthClientRepository clients;

    public OAuthArtefactPurgeService(AuthorizationCodeRepository codes, RefreshTokenRepository refreshTokens,
            GrantRepository grants, OAuthClientRepository clients) {
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.clients = clients;
    }

    @Override
    public OAuthPurgeCounts purgeStaleArtefacts(Instant now) {
        int c = codes.deleteExpiredBefore(now.minus(TOKEN_RETENTION));
        int r = refreshTokens.deleteExpiredBefore(now.minus(TOKEN_RETENTION));
        int g = grants.deleteExhaustedBefore(now.minus(TOKEN_RETENTION));
        int a = clients.deleteUnusedSelfRegisteredBefore(now.minus(UNUSED_CLIENT_RETENTION));
        return new OAuthPurgeCounts(c, r, g, a);
    }
}

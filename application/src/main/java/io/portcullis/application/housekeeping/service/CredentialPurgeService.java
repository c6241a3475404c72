package io.portcullis.application.housekeeping.service;

import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.housekeeping.port.in.PurgeExpiredCredentialsUseCase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes keys a week after they expired, codes and refresh tokens a day after they expired, then grants
 * left with no token. Rotated refresh tokens are kept until they expire, so reuse is still detected. Clients
 * that registered themselves (or came from a metadata document) and have held nothing for 30 days go too:
 * open registration must not grow the store without bound.
 */
public final class CredentialPurgeService implements PurgeExpiredCredentialsUseCase {
    static final Duration KEY_RETENTION = Duration.ofDays(7);
    static final Duration TOKEN_RETENTION = Duration.ofDays(1);
    static final Duration UNUSED_CLIENT_RETENTION = Duration.ofDays(30);
    private final ApiKeyRepository keys;
    private final AuthorizationCodeRepository codes;
    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final OAuthClientRepository clients;
    private final Clock clock;

    public CredentialPurgeService(ApiKeyRepository keys, AuthorizationCodeRepository codes,
            RefreshTokenRepository refreshTokens, GrantRepository grants, OAuthClientRepository clients, Clock clock) {
        this.keys = keys;
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public PurgeReport purge() {
        Instant now = clock.instant();
        int k = keys.deleteExpiredBefore(now.minus(KEY_RETENTION));
        int c = codes.deleteExpiredBefore(now.minus(TOKEN_RETENTION));
        int r = refreshTokens.deleteExpiredBefore(now.minus(TOKEN_RETENTION));
        int g = grants.deleteExhaustedBefore(now.minus(TOKEN_RETENTION));
        int a = clients.deleteUnusedSelfRegisteredBefore(now.minus(UNUSED_CLIENT_RETENTION));
        return new PurgeReport(k, c, r, g, a);
    }
}

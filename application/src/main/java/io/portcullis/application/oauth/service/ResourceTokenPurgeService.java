package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.PurgeExpiredResourceTokensUseCase;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import java.time.Instant;

/**
 * An expired token introspects inactive whether or not its record exists, so the record can go as soon as it has
 * expired; client_credentials tokens belong to no grant and would otherwise be kept for ever.
 */
public final class ResourceTokenPurgeService implements PurgeExpiredResourceTokensUseCase {
    private final ResourceAccessTokenRepository tokens;

    public ResourceTokenPurgeService(ResourceAccessTokenRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    public int purgeExpiredResourceTokens(Instant now) {
        return tokens.deleteExpiredBefore(now);
    }
}

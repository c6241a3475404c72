package io.portcullis.application.oauth.port.in;

import java.time.Instant;

/**
 * Housekeeping for OAuth: removes authorization codes, refresh tokens and grants that can never be used again, and
 * self-registered clients that have held nothing for a long time.
 */
public interface PurgeStaleOAuthArtefactsUseCase {
    /** Deletes what became stale before {@code now}; returns how many rows of each kind were removed. */
    OAuthPurgeCounts purgeStaleArtefacts(Instant now);

    /** How many rows of each kind were removed. */
    record OAuthPurgeCounts(int codes, int refreshTokens, int grants, int clients) {
    }
}

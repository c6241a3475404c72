package io.portcullis.domain.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A user's OAuth tokens for one upstream MCP server. Held in clear only in memory; sealed at rest. */
public record UpstreamToken(UUID serverId, UUID userId, String accessToken, Optional<String> refreshToken,
        String tokenType, Optional<Instant> expiresAt, Instant updatedAt) {

    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    /** True when expired or within a minute of expiry (PRODUCT §5). */
    public boolean needsRefresh(Instant now) {
        return expiresAt.map(e -> !now.plus(REFRESH_MARGIN).isBefore(e)).orElse(false);
    }

    public boolean usable(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }

    @Override
    public String toString() {
        return "UpstreamToken[" + serverId + ", " + userId + "]";
    }
}

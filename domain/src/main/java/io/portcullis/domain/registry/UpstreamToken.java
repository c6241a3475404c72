package io.portcullis.domain.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A user's OAuth tokens for one upstream MCP server. Held in clear only in memory; sealed at rest. {@code scope} is
 * what the connect asked for; {@code stepUpScope}, when present, what the upstream later said it needs on top
 * ({@code insufficient_scope}, RFC 6750 §3.1), for the next connect to ask for too.
 */
public record UpstreamToken(UUID serverId, UUID userId, String accessToken, Optional<String> refreshToken,
        String tokenType, Optional<Instant> expiresAt, Instant updatedAt, String scope, Optional<String> stepUpScope) {

    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    /** A token asked for with no particular scope and needing no more. */
    public UpstreamToken(UUID serverId, UUID userId, String accessToken, Optional<String> refreshToken, String tokenType,
            Optional<Instant> expiresAt, Instant updatedAt) {
        this(serverId, userId, accessToken, refreshToken, tokenType, expiresAt, updatedAt, "", Optional.empty());
    }

    /** True when expired or within a minute of expiry (PRODUCT §5). */
    public boolean needsRefresh(Instant now) {
        return expiresAt.map(e -> !now.plus(REFRESH_MARGIN).isBefore(e)).orElse(false);
    }

    public boolean usable(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }

    /** This token marked as needing {@code more} scope too (accumulated with an earlier mark). */
    public UpstreamToken needingScope(String more) {
        return new UpstreamToken(serverId, userId, accessToken, refreshToken, tokenType, expiresAt, updatedAt, scope,
                Optional.of(union(stepUpScope.orElse(""), more)));
    }

    /** Space-separated scope lists joined, each scope once, in order of first appearance. */
    public static String union(String... scopes) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : scopes) {
            for (String one : s.trim().split("\\s+")) {
                if (!one.isEmpty()) {
                    all.add(one);
                }
            }
        }
        return String.join(" ", all);
    }

    @Override
    public String toString() {
        return "UpstreamToken[" + serverId + ", " + userId + "]";
    }
}

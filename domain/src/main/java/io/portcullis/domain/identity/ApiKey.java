package io.portcullis.domain.identity;

import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored API key: the id in clear, the secret only as its SHA-256 digest. OAuth access tokens are
 * API keys with {@link LoginType#OAUTH2_PROVIDER_APP}, an audience (RFC 8707), the grant they belong to and the
 * client they were issued to; a client_credentials token for the API has a client and no user ({@code userId} null,
 * no grant): the client acts for itself (PRODUCT §7).
 */
public record ApiKey(String id, SecretDigest secretDigest, UUID userId, LoginType loginType, Instant expiresAt,
        long lifetimeSeconds, Instant lastUsed, String tokenName, ScopeSet scopes, AllowList allowList,
        Instant createdAt, Optional<ResourceUri> audience, Optional<UUID> grantId, Optional<UUID> clientId) {

    public ApiKey {
        if (userId == null && (clientId.isEmpty() || loginType != LoginType.OAUTH2_PROVIDER_APP)) {
            throw new IllegalArgumentException("a key without a user must be an OAuth access token of a client");
        }
    }

    /** A key of no OAuth client (sessions, user tokens) or one whose client is not recorded. */
    public ApiKey(String id, SecretDigest secretDigest, UUID userId, LoginType loginType, Instant expiresAt,
            long lifetimeSeconds, Instant lastUsed, String tokenName, ScopeSet scopes, AllowList allowList,
            Instant createdAt, Optional<ResourceUri> audience, Optional<UUID> grantId) {
        this(id, secretDigest, userId, loginType, expiresAt, lifetimeSeconds, lastUsed, tokenName, scopes, allowList,
                createdAt, audience, grantId, Optional.empty());
    }

    /** An OAuth access token as issued: {@code oauth2_provider_app}, unnamed, never used yet. */
    public boolean isAccessToken() {
        return loginType == LoginType.OAUTH2_PROVIDER_APP && tokenName == null && lastUsed == null;
    }

    /** A client_credentials token: the client acts on its own behalf, for no user. */
    public boolean actsForClient() {
        return userId == null;
    }

    static final Duration LAST_USED_GRANULARITY = Duration.ofHours(1);
    static final Duration SLIDE_MARGIN = Duration.ofHours(1);

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Session keys slide once less than {@code lifetime − 1h} is left; tokens never do. */
    public Optional<Instant> slidExpiry(Instant now, boolean slidingEnabled) {
        if (!slidingEnabled || !loginType.slides()) {
            return Optional.empty();
        }
        Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
        Duration left = Duration.between(now, expiresAt);
        if (left.compareTo(lifetime.minus(SLIDE_MARGIN)) < 0) {
            return Optional.of(now.plus(lifetime));
        }
        return Optional.empty();
    }

    /** {@code last_used} is written at most hourly to keep authentication read-only on the hot path. */
    public boolean lastUsedDue(Instant now) {
        return lastUsed == null || Duration.between(lastUsed, now).compareTo(LAST_USED_GRANULARITY) >= 0;
    }

    public boolean verifies(ApiKeyCredential credential) {
        return id.equals(credential.id()) && secretDigest.matches(credential.secret());
    }
}

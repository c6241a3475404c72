package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.SecretDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One of an app's client secrets: looked up by prefix, verified by digest, shown by its last 6 characters. */
public record ClientSecret(UUID id, UUID clientId, String prefix, SecretDigest digest, String displaySuffix,
        Instant createdAt, Instant lastUsedAt) {
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    /**
     * {@code last_used_at} is written at most once a minute, so a client authenticating at the token endpoint costs a
     * read, not a separately committed write, on every grant.
     */
    public boolean lastUsedDue(Instant now) {
        return lastUsedAt == null || Duration.between(lastUsedAt, now).compareTo(LAST_USED_GRANULARITY) >= 0;
    }
}

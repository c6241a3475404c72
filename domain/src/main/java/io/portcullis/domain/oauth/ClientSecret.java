package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.UUID;

/** One of an app's client secrets: looked up by prefix, verified by digest, shown by its last 6 characters. */
public record ClientSecret(UUID id, UUID clientId, String prefix, SecretDigest digest, String displaySuffix,
        Instant createdAt, Instant lastUsedAt) {
}

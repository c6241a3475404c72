package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A refresh token of a grant; rotated on use, and a second use of a rotated one revokes the grant. */
public record RefreshToken(String prefix, SecretDigest digest, UUID grantId, Instant createdAt, Instant expiresAt,
        Optional<Instant> rotatedAt) {
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}

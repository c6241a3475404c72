package io.portcullis.domain.oauth;

import java.time.Instant;
import java.util.Optional;

/**
 * An RS256 key pair that signs RFC 9068 access tokens. It is published in the JWKS from its creation, signs from
 * {@code activatesAt}, and once a newer key has taken over stays published until {@code retiresAt} (the moment the
 * last token it signed expires). The private key is held as a JWK and is sealed at rest.
 */
public record SigningKey(String kid, String publicJwk, String privateJwk, Instant createdAt, Instant activatesAt,
        Optional<Instant> retiresAt) {

    public boolean isPublishedAt(Instant now) {
        return retiresAt.map(now::isBefore).orElse(true);
    }

    public boolean isActiveAt(Instant now) {
        return !activatesAt.isAfter(now) && isPublishedAt(now);
    }

    public SigningKey retiringAt(Instant when) {
        return new SigningKey(kid, publicJwk, privateJwk, createdAt, activatesAt, Optional.of(when));
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid + ", activatesAt=" + activatesAt + ", retiresAt=" + retiresAt + "]";
    }
}

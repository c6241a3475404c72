package io.portcullis.domain.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's link to an account at an OpenID provider: found by (issuer, subject), holding the provider's tokens
 * (sealed at rest by the store). {@code expiresAt} is the provider access token's expiry, if it said one.
 */
public record OidcLink(UUID userId, String provider, String issuer, String subject, String email, String accessToken,
        Optional<String> refreshToken, Optional<Instant> expiresAt, Instant signedInAt, Instant updatedAt) {
    /** The provider's token is refreshed when it expires within this margin (PRODUCT §8). */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(10);

    /** A refresh is due: the provider gave a refresh token and the access token expires within the margin. */
    public boolean refreshDue(Instant now) {
        return refreshToken.isPresent() && expiresAt.isPresent() && !now.isBefore(expiresAt.get().minus(REFRESH_MARGIN));
    }

    /** The same link carrying freshly issued tokens; an absent refresh token keeps the old one. */
    public OidcLink refreshed(String access, Optional<String> refresh, Optional<Instant> expiry, Instant now) {
        return new OidcLink(userId, provider, issuer, subject, email, access, refresh.or(() -> refreshToken), expiry,
                signedInAt, now);
    }

    /** Never prints the tokens. */
    @Override
    public String toString() {
        return "OidcLink[" + userId + ", " + provider + ", " + issuer + ", " + subject + "]";
    }
}

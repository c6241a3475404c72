package io.portcullis.domain.identity;

import io.portcullis.domain.shared.DomainValidationException;
import java.time.Duration;

/** Lifetimes of sessions and user tokens (PRODUCT §1). */
public record IdentityPolicy(Duration sessionDuration, boolean sessionSliding, Duration tokenDefaultLifetime,
        Duration tokenMaxLifetime) {
    public IdentityPolicy {
        DomainValidationException.require(sessionDuration.compareTo(Duration.ofMinutes(5)) >= 0, "session-duration",
                "must be at least 5 minutes");
        DomainValidationException.require(!tokenDefaultLifetime.isNegative() && !tokenDefaultLifetime.isZero(),
                "token.default-lifetime", "must be positive");
        DomainValidationException.require(tokenMaxLifetime.compareTo(tokenDefaultLifetime) >= 0, "token.max-lifetime",
                "must not be shorter than token.default-lifetime");
    }

    public static IdentityPolicy defaults() {
        return new IdentityPolicy(Duration.ofHours(24), true, Duration.ofDays(7), Duration.ofDays(365));
    }
}

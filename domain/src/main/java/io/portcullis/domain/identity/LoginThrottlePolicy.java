package io.portcullis.domain.identity;

import io.portcullis.domain.shared.AttemptLimit;
import java.time.Duration;

/**
 * How many failed sign-ins are tolerated (PRODUCT §12): per (account, client address), so that nobody can lock an
 * account out from an address the owner does not use, and per client address, so that one address cannot spray
 * guesses across many accounts. Unknown e-mail addresses count like known ones.
 */
public record LoginThrottlePolicy(AttemptLimit perAccountAndAddress, AttemptLimit perAddress) {
    public static final Duration WINDOW = Duration.ofMinutes(15);

    public static LoginThrottlePolicy defaults() {
        return new LoginThrottlePolicy(new AttemptLimit(5, WINDOW), new AttemptLimit(30, WINDOW));
    }
}

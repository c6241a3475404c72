package io.portcullis.application.identity.service;

import io.portcullis.application.shared.port.out.AttemptCounterPort;
import io.portcullis.domain.identity.LoginThrottlePolicy;
import io.portcullis.domain.shared.AttemptWindow;
import io.portcullis.domain.shared.ClientAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins counted per (account, client address) and per client address in shared counters. An attempt is
 * counted before the password is checked, so concurrent guesses cannot all pass under the limit; a refused attempt
 * and a correct password are taken back, so only failures remain.
 */
public final class SignInThrottle {
    static final String PER_ACCOUNT_AND_ADDRESS = "login-account-address";
    static final String PER_ADDRESS = "login-address";
    private final AttemptCounterPort counters;
    private final LoginThrottlePolicy policy;
    private final Clock clock;

    public SignInThrottle(AttemptCounterPort counters, LoginThrottlePolicy policy, Clock clock) {
        this.counters = counters;
        this.policy = policy;
        this.clock = clock;
    }

    /** Counts an attempt for {@code account} from {@code from}; the wait asked of the caller when over a limit. */
    public Optional<Duration> admit(String account, ClientAddress from) {
        Instant now = clock.instant();
        String pair = pairKey(account, from);
        AttemptWindow pairWindow = counters.count(PER_ACCOUNT_AND_ADDRESS, pair, policy.perAccountAndAddress().window(), now);
        AttemptWindow addressWindow = counters.count(PER_ADDRESS, from.limitKey(), policy.perAddress().window(), now);
        Optional<Duration> pairWait = policy.perAccountAndAddress().refusal(pairWindow, now);
        Optional<Duration> addressWait = policy.perAddress().refusal(addressWindow, now);
        if (pairWait.isEmpty() && addressWait.isEmpty()) {
            return Optional.empty();
        }
        counters.uncount(PER_ACCOUNT_AND_ADDRESS, pair);
        counters.uncount(PER_ADDRESS, from.limitKey());
        Duration a = pairWait.orElse(Duration.ZERO);
        Duration b = addressWait.orElse(Duration.ZERO);
        return Optional.of(a.compareTo(b) >= 0 ? a : b);
    }

    /** The password was right: this address's failures for the account are forgiven, and this attempt not counted. */
    public void succeeded(String account, ClientAddress from) {
        counters.clear(PER_ACCOUNT_AND_ADDRESS, pairKey(account, from));
        counters.uncount(PER_ADDRESS, from.limitKey());
    }

    private static String pairKey(String account, ClientAddress from) {
        return account + "\n" + from.limitKey();
    }
}

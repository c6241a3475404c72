package io.portcullis.bootstrap.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.portcullis.application.housekeeping.port.in.CheckSealingKeysUseCase;
import io.portcullis.bootstrap.wiring.InvalidConfigurationException;
import java.util.List;

/**
 * At start-up, before any request: a replica whose keys cannot open the secrets stored in the database (sealed by a
 * replica with other keys, or before a key was dropped) refuses to start, naming the key id, instead of answering 500
 * to every request that needs one of those secrets. Off for {@code delete-secrets}, which exists to clear them.
 */
@Context
@Requires(notEnv = SealingKeysCheck.SKIPPED_IN)
public final class SealingKeysCheck {
    /** The environment {@code delete-secrets} runs in. */
    public static final String SKIPPED_IN = "delete-secrets";

    public SealingKeysCheck(CheckSealingKeysUseCase check) {
        List<String> missing = check.missingKeyIds();
        if (!missing.isEmpty()) {
            throw new InvalidConfigurationException("portcullis.encryption-keys (PORTCULLIS_ENCRYPTION_KEYS): stored secrets are"
                    + " sealed under key " + String.join(", ", missing) + ", which the configured keys cannot open; give every"
                    + " replica the same keys (when rotating: the new key first, the old ones after it)");
        }
    }
}

package io.portcullis.bootstrap;

import io.portcullis.application.housekeeping.port.in.DeleteSecretsUseCase;
import io.portcullis.bootstrap.config.SealingKeysCheck;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar portcullis.jar delete-secrets}: after a key was lost (like the seed's {@code dbcrypt delete}), drops in
 * one transaction what was sealed under keys no longer configured, so the service can start again: users' upstream
 * tokens and pending connect flows (users connect again), registrations' client secrets, API key values and custom
 * headers (owners enter them again), and JWT signing keys (a new one is generated at start; tokens they signed stop
 * verifying). Values the configured keys open are left alone. Runs without the start-up key check, which would refuse.
 */
public final class DeleteSecretsCommand {
    public static final String NAME = "delete-secrets";
    /** The environment the command starts in: the sealing-keys check at start-up stays off in it. */
    public static final String ENVIRONMENT = SealingKeysCheck.SKIPPED_IN;

    private DeleteSecretsCommand() {
    }

    public static int run(String[] args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        return SecretsCommand.run(NAME, args, properties, out, err,
                context -> context.getBean(DeleteSecretsUseCase.class).delete(),
                total -> "deleted " + total + " value(s) sealed under keys that are no longer configured; users"
                        + " connect their upstream servers again, owners re-enter the registrations' secrets",
                ENVIRONMENT);
    }
}

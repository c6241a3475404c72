package io.portcullis.bootstrap;

import io.portcullis.application.housekeeping.port.in.ReencryptSecretsUseCase;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar portcullis.jar reencrypt-secrets}: after a new key is put first in
 * {@code portcullis.encryption-keys} (old keys after it), re-seals every stored secret under the new key, and seals
 * again the values {@code decrypt-secrets} left in clear. Runs against the configured (or embedded) database without
 * starting the HTTP server.
 */
public final class ReencryptSecretsCommand {
    public static final String NAME = "reencrypt-secrets";

    private ReencryptSecretsCommand() {
    }

    public static int run(String[] args, Map<String, Object> properties, PrintStream out) {
        return run(args, properties, out, System.err);
    }

    public static int run(String[] args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        return SecretsCommand.run(NAME, args, properties, out, err,
                context -> context.getBean(ReencryptSecretsUseCase.class).reencrypt(),
                total -> "re-sealed " + total + " value(s) under the current key");
    }
}

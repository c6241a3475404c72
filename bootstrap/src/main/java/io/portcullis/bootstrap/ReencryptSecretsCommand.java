package io.portcullis.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.portcullis.application.housekeeping.port.in.ReencryptSecretsUseCase;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar portcullis.jar reencrypt-secrets}: after a new key is put first in
 * {@code portcullis.encryption-keys} (old keys after it), re-seals every stored secret under the new key.
 * Runs against the configured (or embedded) database without starting the HTTP server.
 */
public final class ReencryptSecretsCommand {
    public static final String NAME = "reencrypt-secrets";

    private ReencryptSecretsCommand() {
    }

    public static int run(String[] args, Map<String, Object> properties, PrintStream out) {
        try (ApplicationContext context = ApplicationContext.builder(Application.class).args(args).properties(properties)
                .deduceEnvironment(false).start()) {
            Map<String, Integer> counts = context.getBean(ReencryptSecretsUseCase.class).reencrypt();
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            counts.forEach((column, n) -> out.println("  " + column + ": " + n));
            out.println("re-sealed " + total + " value(s) under the current key");
            return 0;
        }
    }
}

package io.portcullis.bootstrap;

import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the key commands ({@code reencrypt-secrets}, {@code decrypt-secrets}, {@code delete-secrets}) share: they run
 * against the configured (or embedded) database without the HTTP server, print a count per sealed column and a
 * summary, and fail with one line on standard error — exit code 2 when a setting is the cause (a missing key, say),
 * 1 otherwise — never a stack trace.
 */
final class SecretsCommand {
    private SecretsCommand() {
    }

    /** Starts the context (in {@code environments} besides the deduced none), runs {@code work}, prints its counts. */
    static int run(String name, String[] args, Map<String, Object> properties, PrintStream out, PrintStream err,
            Function<ApplicationContext, Map<String, Integer>> work, Function<Integer, String> summary,
            String... environments) {
        try (ApplicationContext context = ApplicationContext.builder(Application.class).args(args).properties(properties)
                .environments(environments).deduceEnvironment(false).start()) {
            Map<String, Integer> counts = work.apply(context);
            counts.forEach((column, n) -> out.println("  " + column + ": " + n));
            out.println(summary.apply(counts.values().stream().mapToInt(Integer::intValue).sum()));
            return 0;
        } catch (RuntimeException e) {
            Optional<String> setting = Application.configurationProblem(e);
            if (setting.isPresent()) {
                err.println("portcullis: " + name + ": invalid configuration: " + setting.get());
                return Application.CONFIGURATION_ERROR;
            }
            err.println("portcullis: " + name + " failed: " + firstLine(e));
            return 1;
        }
    }

    /** The innermost message: the cause a person can act on (a refused connection, a missing table). */
    private static String firstLine(Throwable failure) {
        String message = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message.lines().findFirst().orElse(message);
    }
}

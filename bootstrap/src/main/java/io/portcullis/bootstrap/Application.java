package io.portcullis.bootstrap;

import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.exceptions.DependencyInjectionException;
import io.micronaut.runtime.Micronaut;
import io.portcullis.bootstrap.config.UnknownSettings;
import io.portcullis.bootstrap.wiring.InvalidConfigurationException;
import java.util.Optional;

/**
 * Entry point of the Portcullis service. An invalid setting stops start-up with one line naming the key and exit
 * code 2, no stack trace (PRODUCT §11; see {@code StartupChecks}); unknown {@code PORTCULLIS_*} variables are warned
 * about.
 */
public final class Application {
    /** Exit code of a start-up refused for configuration. */
    public static final int CONFIGURATION_ERROR = 2;

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ReencryptSecretsCommand.NAME)) {
            System.exit(ReencryptSecretsCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), java.util.Map.of(),
                    System.out));
        }
        if (args.length > 0 && args[0].equals(DecryptSecretsCommand.NAME)) {
            System.exit(DecryptSecretsCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), java.util.Map.of(),
                    System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(DeleteSecretsCommand.NAME)) {
            System.exit(DeleteSecretsCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), java.util.Map.of(),
                    System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(RotateSigningKeyCommand.NAME)) {
            System.exit(RotateSigningKeyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), java.util.Map.of(),
                    System.out));
        }
        UnknownSettings.warn(System.getenv());
        java.util.function.Function<Throwable, Integer> exitCode = failure -> {
            Optional<String> setting = configurationProblem(failure);
            if (setting.isEmpty()) {
                return 1;
            }
            System.err.println("portcullis: invalid configuration: " + setting.get());
            System.exit(CONFIGURATION_ERROR);
            return CONFIGURATION_ERROR;
        };
        // Micronaut looks the handler up by the failure's exact class
        Micronaut.build(args).mainClass(Application.class).banner(false)
                .mapError(BeanInstantiationException.class, exitCode::apply)
                .mapError(DependencyInjectionException.class, exitCode::apply)
                .mapError(ConfigurationException.class, exitCode::apply)
                .mapError(InvalidConfigurationException.class, exitCode::apply).start();
    }

    /** The one-line reason when {@code failure} was caused by a setting, else empty. */
    static Optional<String> configurationProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException) {
                return Optional.of(t.getMessage());
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException && t.getMessage() != null) {
                String line = t.getMessage().lines().findFirst().orElse("");
                return Optional.of(line.length() > 300 ? line.substring(0, 300) + "…" : line);
            }
        }
        return Optional.empty();
    }
}

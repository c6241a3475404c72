package io.portcullis.bootstrap;

import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the Portcullis service. Invalid settings stop start-up (exit code 1) with a message
 * naming the key; see {@code StartupChecks}.
 */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ReencryptSecretsCommand.NAME)) {
            System.exit(ReencryptSecretsCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), java.util.Map.of(),
                    System.out));
        }
        if (args.length > 0 && args[0].equals(RotateSigningKeyCommand.NAME)) {
            System.exit(RotateSigningKeyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), java.util.Map.of(),
                    System.out));
        }
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}

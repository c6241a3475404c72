package io.portcullis.bootstrap;

import io.portcullis.application.housekeeping.port.in.DecryptSecretsUseCase;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code java -jar portcullis.jar decrypt-secrets --confirm-plaintext}: for leaving encryption (like the seed's
 * {@code dbcrypt decrypt}), stores every sealed value — registrations' secrets, users' upstream tokens, pending connect
 * flows' verifiers and the JWT signing keys' private halves — in clear again, in one transaction. Nothing has to stay
 * sealed: every reader opens a value kept in clear as it is. Refused without the flag. The configured keys must open
 * everything; {@code reencrypt-secrets} seals it all again.
 */
public final class DecryptSecretsCommand {
    public static final String NAME = "decrypt-secrets";
    public static final String CONFIRM = "--confirm-plaintext";

    private DecryptSecretsCommand() {
    }

    public static int run(String[] args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        if (!Arrays.asList(args).contains(CONFIRM)) {
            err.println("portcullis: " + NAME + ": this stores every secret in plaintext in the database (anyone who can"
                    + " read it reads them); run it again with " + CONFIRM + " to do so");
            return Application.CONFIGURATION_ERROR;
        }
        String[] rest = Arrays.stream(args).filter(a -> !a.equals(CONFIRM)).toArray(String[]::new);
        return SecretsCommand.run(NAME, rest, properties, out, err,
                context -> context.getBean(DecryptSecretsUseCase.class).decrypt(),
                total -> "stored " + total + " value(s) in plaintext; new secrets are still sealed under the first"
                        + " configured key, and reencrypt-secrets seals these again");
    }
}

package io.portcullis.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.portcullis.application.oauth.port.in.RotateSigningKeyUseCase;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar portcullis.jar rotate-signing-key}: adds a new JWT signing key, published in the JWKS at once and
 * signing after {@code portcullis.oauth2.signing-key-activation-delay}; the keys it replaces stay published until the
 * last token they signed has expired. Runs against the configured (or embedded) database without the HTTP server.
 */
public final class RotateSigningKeyCommand {
    public static final String NAME = "rotate-signing-key";

    private RotateSigningKeyCommand() {
    }

    public static int run(String[] args, Map<String, Object> properties, PrintStream out) {
        try (ApplicationContext context = ApplicationContext.builder(Application.class).args(args).properties(properties)
                .deduceEnvironment(false).start()) {
            RotateSigningKeyUseCase.Rotation rotation = context.getBean(RotateSigningKeyUseCase.class).rotate();
            out.println("new signing key " + rotation.kid() + " is published now and signs from " + rotation.activatesAt());
            return 0;
        }
    }
}

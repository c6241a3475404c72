package io.portcullis.adapters.http.identity;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.portcullis.application.identity.port.in.CreateFirstUserUseCase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-run setup code (PRODUCT §11): {@code /setup} and {@code POST /api/v2/users/first} need it, so whoever
 * reaches a fresh server first cannot claim it without access to its log. It is {@code portcullis.setup-code} when
 * set (use that with several replicas), else generated at start and printed while no user exists.
 */
@Context
public final class SetupCode {
    public static final String FIELD = "setup_code";
    private static final Logger LOG = LoggerFactory.getLogger(SetupCode.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final byte[] code;

    public SetupCode(@Value("${portcullis.setup-code:}") String configured, CreateFirstUserUseCase firstUser) {
        String value = configured;
        if (value == null || value.isBlank()) {
            SecureRandom random = new SecureRandom();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                b.append(i > 0 && i % 5 == 0 ? "-" : "").append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            value = b.toString();
            if (!firstUser.firstUserExists()) {
                LOG.warn("First run: open /setup (or POST /api/v2/users/first) with setup code {} to create the owner",
                        value);
            }
        }
        this.code = value.trim().getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison with the presented code. */
    public boolean matches(@Nullable String presented) {
        return presented != null && MessageDigest.isEqual(code, presented.trim().getBytes(StandardCharsets.UTF_8));
    }
}

package io.portcullis.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import io.portcullis.application.oauth.port.in.PublishSigningKeysUseCase;
import io.portcullis.application.oauth.port.out.SigningKeyRepository;
import io.portcullis.bootstrap.ReencryptSecretsCommand;
import io.portcullis.bootstrap.RotateSigningKeyCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rotate-signing-key and reencrypt-secrets against a real database: keys shared through it, sealed under the key. */
class RotateSigningKeyCommandIT {
    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void rotateThenBothKeysPublishedAndReencryptResealsThePrivateKeys() {
        Map<String, Object> props = new HashMap<>(Map.of("datasources.default.url", TestPostgres.newDatabaseUrl(),
                "datasources.default.username", "postgres", "datasources.default.password", "postgres",
                "micronaut.server.port", -1));
        props.put("portcullis.encryption-keys", key(1));
        String first;
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            first = ctx.getBean(PublishSigningKeysUseCase.class).publishedKeys().get(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(RotateSigningKeyCommand.run(new String[0], props, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("is published now and signs from");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            assertThat(ctx.getBean(PublishSigningKeysUseCase.class).publishedKeys()).hasSize(2).contains(first);
        }
        props.put("portcullis.encryption-keys", key(2) + "," + key(1));
        ByteArrayOutputStream resealed = new ByteArrayOutputStream();
        assertThat(ReencryptSecretsCommand.run(new String[0], props, new PrintStream(resealed, true, StandardCharsets.UTF_8)))
                .isZero();
        assertThat(resealed.toString(StandardCharsets.UTF_8)).contains("oauth2_signing_key.private_jwk_sealed: 2");
        props.put("portcullis.encryption-keys", key(2));
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            assertThat(ctx.getBean(SigningKeyRepository.class).list()).hasSize(2)
                    .allSatisfy(k -> assertThat(k.privateJwk()).contains("\"d\""));
            // both commands left an audit entry, newest first; neither names a key's material
            var entries = ctx.getBean(io.portcullis.application.shared.port.out.AuditLogRepository.class)
                    .find(io.portcullis.domain.audit.AuditFilter.latest());
            assertThat(entries).extracting(e -> e.event().action().wire()).containsExactly("keys.reencrypt",
                    "signing_key.rotate");
            assertThat(entries.get(0).event().detail()).contains("resealed=2");
            assertThat(entries.get(1).event().targetType()).contains("signing_key");
            assertThat(entries.toString()).doesNotContain("\"d\"").doesNotContain(key(1)).doesNotContain(key(2));
        }
    }
}

package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.portcullis.adapters.http.pages.CsrfSigningKey;
import io.portcullis.bootstrap.crypto.SealingKeys;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The browser pages' server-side secrets. */
@Factory
public class PagesWiringFactory {
    /**
     * The CSRF signing key: derived (HMAC-SHA256 with a fixed label) from the first encryption key, so replicas sharing
     * their keys sign alike and the encryption key itself is never used for two purposes.
     */
    @Singleton
    CsrfSigningKey csrfSigningKey(SealingKeys keys) {
        byte[] sealing = keys.primary();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sealing, "HmacSHA256"));
            return new CsrfSigningKey(mac.doFinal("portcullis csrf signing key v1".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

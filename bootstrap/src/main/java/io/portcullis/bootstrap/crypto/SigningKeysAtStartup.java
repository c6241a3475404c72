package io.portcullis.bootstrap.crypto;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.portcullis.application.oauth.port.in.PublishSigningKeysUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the first JWT signing key when the service starts on a database that has none (PRODUCT §7), outside any
 * request's transaction. Should the database be unreachable now, the key is created on first use instead.
 */
@Singleton
public final class SigningKeysAtStartup {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeysAtStartup.class);
    private final PublishSigningKeysUseCase keys;

    public SigningKeysAtStartup(PublishSigningKeysUseCase keys) {
        this.keys = keys;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            LOG.info("{} JWT signing key(s) published", keys.publishedKeys().size());
        } catch (RuntimeException e) {
            LOG.warn("signing keys not loaded at start-up ({}); they will be on first use", e.getMessage());
        }
    }
}

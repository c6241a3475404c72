package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.PurgeExpiredApiKeysUseCase;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import java.time.Duration;
import java.time.Instant;

/** Deletes API keys a week after they expired. */
public final class ApiKeyPurgeService implements PurgeExpiredApiKeysUseCase {
    static final Duration KEY_RETENTION = Duration.ofDays(7);
    private final ApiKeyRepository keys;

    public ApiKeyPurgeService(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public int purgeExpiredApiKeys(Instant now) {
        return keys.deleteExpiredBefore(now.minus(KEY_RETENTION));
    }
}

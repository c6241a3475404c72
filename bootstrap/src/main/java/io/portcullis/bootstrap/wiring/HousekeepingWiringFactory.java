package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.housekeeping.service.CredentialPurgeService;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Housekeeping use cases. */
@Factory
public class HousekeepingWiringFactory {
    @Singleton
    CredentialPurgeService credentialPurgeService(ApiKeyRepository keys, AuthorizationCodeRepository codes,
            RefreshTokenRepository refreshTokens, GrantRepository grants, Clock clock) {
        return new CredentialPurgeService(keys, codes, refreshTokens, grants, clock);
    }
}

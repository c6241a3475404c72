package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import io.portcullis.application.housekeeping.port.out.SealedValuesPort;
import io.portcullis.application.housekeeping.service.CheckSealingKeysService;
import io.portcullis.application.housekeeping.service.ReadinessService;
import io.portcullis.application.housekeeping.service.ReencryptSecretsService;
import io.portcullis.application.identity.port.in.PurgeExpiredApiKeysUseCase;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.service.ApiKeyPurgeService;
import io.portcullis.application.oauth.port.in.PurgeStaleOAuthArtefactsUseCase;
import io.portcullis.application.oauth.port.out.AuthorizationCodeRepository;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RefreshTokenRepository;
import io.portcullis.application.oauth.service.OAuthArtefactPurgeService;
import io.portcullis.application.registry.port.in.PurgeExpiredConnectStatesUseCase;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import io.portcullis.application.registry.service.ConnectStatePurgeService;
import io.portcullis.application.housekeeping.service.CredentialPurgeService;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.housekeeping.service.DecryptSecretsService;
import io.portcullis.application.housekeeping.service.DeleteSecretsService;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Housekeeping use cases. */
@Factory
public class HousekeepingWiringFactory {
    @Singleton
    ReadinessService readinessService(javax.sql.DataSource dataSource) {
        return new ReadinessService(new io.portcullis.adapters.persistence.shared.JdbcStoreHealth(dataSource));
    }

    @Singleton
    ReencryptSecretsService reencryptSecretsService(SealedValuesPort sealedValues, AuditTrail audit) {
        return new ReencryptSecretsService(sealedValues, audit);
    }

    @Singleton
    DecryptSecretsService decryptSecretsService(SealedValuesPort sealedValues) {
        return new DecryptSecretsService(sealedValues);
    }

    @Singleton
    DeleteSecretsService deleteSecretsService(SealedValuesPort sealedValues) {
        return new DeleteSecretsService(sealedValues);
    }

    @Singleton
    CheckSealingKeysService checkSealingKeysService(SealedValuesPort sealedValues) {
        return new CheckSealingKeysService(sealedValues);
    }

    @Singleton
    ApiKeyPurgeService apiKeyPurgeService(ApiKeyRepository keys) {
        return new ApiKeyPurgeService(keys);
    }

    @Singleton
    OAuthArtefactPurgeService oauthArtefactPurgeService(AuthorizationCodeRepository codes,
            RefreshTokenRepository refreshTokens, GrantRepository grants, OAuthClientRepository clients) {
        return new OAuthArtefactPurgeService(codes, refreshTokens, grants, clients);
    }

    @Singleton
    CredentialPurgeService credentialPurgeService(PurgeExpiredApiKeysUseCase apiKeys,
            PurgeStaleOAuthArtefactsUseCase oauthArtefacts, PurgeExpiredConnectStatesUseCase connectStates,
            io.portcullis.application.shared.port.out.AttemptCounterPort attemptCounters, Clock clock,
            io.portcullis.application.shared.port.out.AuditLogRepository auditLog,
            io.portcullis.bootstrap.config.PortcullisProperties.AuditProperties audit) {
        return new CredentialPurgeService(apiKeys, oauthArtefacts, connectStates, attemptCounters, clock, auditLog,
                audit.validatedRetention());
    }

    @Singleton
    ConnectStatePurgeService connectStatePurgeService(UpstreamAuthStateRepository states) {
        return new ConnectStatePurgeService(states);
    }
}

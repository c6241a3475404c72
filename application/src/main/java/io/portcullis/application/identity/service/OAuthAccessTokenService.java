package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.FindOAuthAccessTokenUseCase;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenCommand;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.IssueOAuthAccessTokenUseCase;
import io.portcullis.application.identity.port.in.RevokeOAuthAccessTokenUseCase;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.ApiKeyCredential;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * OAuth access tokens as API keys of type {@code oauth2_provider_app}, owned by a grant of the oauth context (or, for
 * client_credentials at the API, by the client alone), and found again for the client they were issued to.
 */
public final class OAuthAccessTokenService implements IssueOAuthAccessTokenUseCase, RevokeOAuthAccessTokenUseCase,
        FindOAuthAccessTokenUseCase {
    private final ApiKeyRepository keys;
    private final ApiKeyFactory keyFactory;
    private final InvalidateCredentialsUseCase credentials;
    private final Clock clock;

    public OAuthAccessTokenService(ApiKeyRepository keys, ApiKeyFactory keyFactory,
            InvalidateCredentialsUseCase credentials, Clock clock) {
        this.keys = keys;
        this.keyFactory = keyFactory;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String issue(IssueOAuthAccessTokenCommand command) {
        IssuedApiKey access = keyFactory.mintAccessToken(command.userId(), command.grantId(), command.clientId(),
                clock.instant(), command.lifetime(), command.scope(), command.audience());
        keys.insertAccessToken(access.key());
        return access.plaintext();
    }

    @Override
    public Optional<AccessTokenDetails> findIssuedTo(String presented, UUID clientId) {
        Optional<ApiKeyCredential> access = ApiKeyCredential.parse(presented);
        Instant now = clock.instant();
        return access.flatMap(a -> keys.findWithOwner(a.id()))
                .filter(found -> found.key().verifies(access.get()) && !found.key().isExpired(now)
                        && found.key().loginType() == LoginType.OAUTH2_PROVIDER_APP
                        && found.key().clientId().filter(clientId::equals).isPresent()
                        && (found.owner() == null || found.owner().isActive()))
                .map(found -> new AccessTokenDetails(Optional.ofNullable(found.key().userId()),
                        Optional.ofNullable(found.owner()).map(u -> u.username().value()), found.key().scopes(),
                        found.key().audience().orElseThrow(), found.key().createdAt(), found.key().expiresAt()));
    }

    @Override
    public void revoke(String presented, Predicate<UUID> grantAccepted) {
        Optional<ApiKeyCredential> access = ApiKeyCredential.parse(presented);
        if (access.isEmpty()) {
            return;
        }
        Optional<ApiKey> key = keys.findById(access.get().id()).filter(k -> k.verifies(access.get()))
                .filter(k -> k.loginType() == LoginType.OAUTH2_PROVIDER_APP && k.grantId().isPresent());
        if (key.isPresent() && grantAccepted.test(key.get().grantId().get())) {
            keys.delete(key.get().id());
            credentials.keyRevoked(key.get().id());
        }
    }

    @Override
    public void revokeClientToken(String presented, UUID clientId) {
        Optional<ApiKeyCredential> access = ApiKeyCredential.parse(presented);
        if (access.isEmpty()) {
            return;
        }
        Optional<ApiKey> key = keys.findById(access.get().id()).filter(k -> k.verifies(access.get()))
                .filter(k -> k.actsForClient() && k.clientId().filter(clientId::equals).isPresent());
        if (key.isPresent()) {
            keys.delete(key.get().id());
            credentials.keyRevoked(key.get().id());
        }
    }
}

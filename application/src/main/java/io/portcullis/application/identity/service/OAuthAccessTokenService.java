package io.portcullis.application.identity.service;

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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** OAuth access tokens as API keys of type {@code oauth2_provider_app}, owned by a grant of the oauth context. */
public final class OAuthAccessTokenService implements IssueOAuthAccessTokenUseCase, RevokeOAuthAccessTokenUseCase {
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
        IssuedApiKey access = keyFactory.mintAccessToken(command.userId(), clock.instant(), command.lifetime(),
                command.scope(), command.audience(), command.grantId());
        keys.insert(access.key());
        return access.plaintext();
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
}

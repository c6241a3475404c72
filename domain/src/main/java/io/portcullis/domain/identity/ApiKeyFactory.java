package io.portcullis.domain.identity;

import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Mints API keys: id and secret from the random source, only the digest kept. */
public final class ApiKeyFactory {
    private final RandomSource random;

    public ApiKeyFactory(RandomSource random) {
        this.random = random;
    }

    public IssuedApiKey mint(UUID userId, LoginType type, Instant now, Duration lifetime, String tokenName,
            ScopeSet scopes, AllowList allowList, Optional<ResourceUri> audience) {
        return mint(userId, type, now, lifetime, tokenName, scopes, allowList, audience, Optional.empty());
    }

    /** An OAuth access token: fixed lifetime, audience-bound, owned by a grant. */
    public IssuedApiKey mintAccessToken(UUID userId, Instant now, Duration lifetime, ScopeSet scopes,
            ResourceUri audience, UUID grantId) {
        return mint(userId, LoginType.OAUTH2_PROVIDER_APP, now, lifetime, null, scopes, AllowList.ANY,
                Optional.of(audience), Optional.of(grantId), Optional.empty());
    }

    /**
     * An OAuth access token of {@code clientId}: for the user of {@code grantId}, or — both null — for the client
     * itself (client_credentials); fixed lifetime, audience-bound.
     */
    public IssuedApiKey mintAccessToken(UUID userId, UUID grantId, UUID clientId, Instant now, Duration lifetime,
            ScopeSet scopes, ResourceUri audience) {
        return mint(userId, LoginType.OAUTH2_PROVIDER_APP, now, lifetime, null, scopes, AllowList.ANY,
                Optional.of(audience), Optional.ofNullable(grantId), Optional.of(clientId));
    }

    private IssuedApiKey mint(UUID userId, LoginType type, Instant now, Duration lifetime, String tokenName,
            ScopeSet scopes, AllowList allowList, Optional<ResourceUri> audience, Optional<UUID> grantId) {
        return mint(userId, type, now, lifetime, tokenName, scopes, allowList, audience, grantId, Optional.empty());
    }

    private IssuedApiKey mint(UUID userId, LoginType type, Instant now, Duration lifetime, String tokenName,
            ScopeSet scopes, AllowList allowList, Optional<ResourceUri> audience, Optional<UUID> grantId,
            Optional<UUID> clientId) {
        String id = random.alphanumeric(ApiKeyCredential.ID_LENGTH);
        String secret = random.alphanumeric(ApiKeyCredential.SECRET_LENGTH);
        ApiKey key = new ApiKey(id, SecretDigest.of(secret), userId, type, now.plus(lifetime), lifetime.toSeconds(),
                null, tokenName, scopes, allowList, now, audience, grantId, clientId);
        return new IssuedApiKey(key, id + "-" + secret);
    }
}

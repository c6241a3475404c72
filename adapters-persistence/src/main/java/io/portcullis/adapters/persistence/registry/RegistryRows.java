package io.portcullis.adapters.persistence.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/** Rows of the registry's tables; every {@code *_sealed} column holds ciphertext only. */
final class RegistryRows {
    private RegistryRows() {
    }

    @MappedEntity("mcp_server")
    record ServerRow(@Id UUID id, String displayName, String slug, String description, String iconUrl, String transport,
            String url, String authType, @MappedProperty("oauth2_client_id") String oauth2ClientId,
            @Nullable @MappedProperty("oauth2_client_secret_sealed") String oauth2ClientSecretSealed,
            @MappedProperty("oauth2_auth_url") String oauth2AuthUrl, @MappedProperty("oauth2_token_url") String oauth2TokenUrl,
            @MappedProperty("oauth2_scopes") String oauth2Scopes, String apiKeyHeader, @Nullable String apiKeyValueSealed,
            @Nullable String customHeadersSealed, String[] toolAllowList, String[] toolDenyList, String availability,
            boolean enabled, Instant createdAt, Instant updatedAt,
            @MappedProperty("oauth2_revocation_url") String oauth2RevocationUrl,
            @MappedProperty("oauth2_issuer") String oauth2Issuer,
            @MappedProperty("oauth2_iss_parameter_supported") boolean oauth2IssParameterSupported) {
    }

    @MappedEntity("mcp_server_user_token")
    record TokenRow(UUID serverId, UUID userId, String accessTokenSealed, @Nullable String refreshTokenSealed,
            String tokenType, @Nullable Instant expiresAt, Instant updatedAt, String scope, @Nullable String stepUpScope) {
    }

    @MappedEntity("mcp_oauth_state")
    record StateRow(@Id byte[] stateDigest, UUID serverId, UUID userId, String codeVerifierSealed, Instant expiresAt,
            String expectedIssuer, boolean issRequired, String scope) {
    }
}

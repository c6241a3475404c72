package io.portcullis.adapters.persistence.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.portcullis.adapters.persistence.registry.RegistryRows.ServerRow;
import io.portcullis.adapters.persistence.registry.RegistryRows.StateRow;
import io.portcullis.adapters.persistence.registry.RegistryRows.TokenRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Statements on the registry's tables. */
final class RegistryRowRepositories {
    private RegistryRowRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ServerRowRepository extends GenericRepository<ServerRow, UUID> {
        void insert(ServerRow row);

        @Query("UPDATE mcp_server SET display_name = :displayName, slug = :slug, description = :description,"
                + " icon_url = :iconUrl, transport = :transport, url = :url, auth_type = :authType,"
                + " oauth2_client_id = :oauth2ClientId, oauth2_client_secret_sealed = :oauth2ClientSecretSealed,"
                + " oauth2_auth_url = :oauth2AuthUrl, oauth2_token_url = :oauth2TokenUrl, oauth2_scopes = :oauth2Scopes,"
                + " api_key_header = :apiKeyHeader, api_key_value_sealed = :apiKeyValueSealed,"
                + " custom_headers_sealed = :customHeadersSealed, tool_allow_list = :toolAllowList,"
                + " tool_deny_list = :toolDenyList, availability = :availability, enabled = :enabled,"
                + " updated_at = :updatedAt, oauth2_revocation_url = :oauth2RevocationUrl, oauth2_issuer = :oauth2Issuer,"
                + " oauth2_iss_parameter_supported = :oauth2IssParameterSupported WHERE id = :id")
        int updateServer(UUID id, String displayName, String slug, String description, String iconUrl, String transport,
                String url, String authType, String oauth2ClientId, @Nullable String oauth2ClientSecretSealed,
                String oauth2AuthUrl, String oauth2TokenUrl, String oauth2Scopes, String apiKeyHeader,
                @Nullable String apiKeyValueSealed, @Nullable String customHeadersSealed, String[] toolAllowList,
                String[] toolDenyList, String availability, boolean enabled, Instant updatedAt, String oauth2RevocationUrl,
                String oauth2Issuer, boolean oauth2IssParameterSupported);

        Optional<ServerRow> findById(UUID id);

        Optional<ServerRow> findBySlug(String slug);

        @Query("SELECT * FROM mcp_server ORDER BY display_name, slug")
        List<ServerRow> listOrdered();

        @Query("DELETE FROM mcp_server WHERE id = :id")
        int deleteServer(UUID id);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface TokenRowRepository extends GenericRepository<TokenRow, Object> {
        @Query("INSERT INTO mcp_server_user_token (server_id, user_id, access_token_sealed, refresh_token_sealed, token_type,"
                + " expires_at, updated_at, scope, step_up_scope) VALUES (:serverId, :userId, :accessTokenSealed,"
                + " :refreshTokenSealed, :tokenType, :expiresAt, :updatedAt, :scope, :stepUpScope)"
                + " ON CONFLICT (server_id, user_id) DO UPDATE SET"
                + " access_token_sealed = EXCLUDED.access_token_sealed, refresh_token_sealed = EXCLUDED.refresh_token_sealed,"
                + " token_type = EXCLUDED.token_type, expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at,"
                + " scope = EXCLUDED.scope, step_up_scope = EXCLUDED.step_up_scope")
        int upsert(TokenRow row);

        @Query("SELECT * FROM mcp_server_user_token WHERE server_id = :serverId AND user_id = :userId")
        Optional<TokenRow> find(UUID serverId, UUID userId);

        /** Holds a row lock until the surrounding transaction ends. */
        @Query("SELECT * FROM mcp_server_user_token WHERE server_id = :serverId AND user_id = :userId FOR UPDATE")
        Optional<TokenRow> findForUpdate(UUID serverId, UUID userId);

        @Query("SELECT * FROM mcp_server_user_token WHERE user_id = :userId")
        List<TokenRow> listByUser(UUID userId);

        @Query("DELETE FROM mcp_server_user_token WHERE server_id = :serverId AND user_id = :userId")
        int deleteToken(UUID serverId, UUID userId);

        @Query("DELETE FROM mcp_server_user_token WHERE server_id = :serverId")
        int deleteByServer(UUID serverId);

        @Query("UPDATE mcp_server_user_token SET step_up_scope = :scope WHERE server_id = :serverId AND user_id = :userId")
        int markStepUp(UUID serverId, UUID userId, String scope);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface StateRowRepository extends GenericRepository<StateRow, byte[]> {
        void insert(StateRow row);

        /** Removes and returns the row in one statement, so a state is taken at most once. */
        @Query("DELETE FROM mcp_oauth_state WHERE state_digest = :stateDigest RETURNING *")
        List<StateRow> take(byte[] stateDigest);

        @Query("DELETE FROM mcp_oauth_state WHERE expires_at < :cutoff")
        int deleteExpiredBefore(java.time.Instant cutoff);
    }
}

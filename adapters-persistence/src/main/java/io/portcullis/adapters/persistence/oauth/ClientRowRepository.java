package io.portcullis.adapters.persistence.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Statements on {@code oauth2_app}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ClientRowRepository extends GenericRepository<ClientRow, UUID> {
    void insert(ClientRow row);

    /** Inserts a metadata-document client, or refreshes its metadata and fetch time. */
    @Query("INSERT INTO oauth2_app (id, client_name, icon, redirect_uris, token_endpoint_auth_method, grant_types,"
            + " response_types, scope, client_uri, logo_uri, tos_uri, policy_uri, contacts, software_id, software_version,"
            + " registration_token_digest, dynamically_registered, created_at, updated_at, metadata_document_url,"
            + " metadata_fetched_at) VALUES (:id, :clientName, :icon, :redirectUris, :tokenEndpointAuthMethod, :grantTypes,"
            + " :responseTypes, :scope, :clientUri, :logoUri, :tosUri, :policyUri, :contacts, :softwareId, :softwareVersion,"
            + " :registrationTokenDigest, :dynamicallyRegistered, :createdAt, :updatedAt, :metadataDocumentUrl,"
            + " :metadataFetchedAt)"
            + " ON CONFLICT (id) DO UPDATE SET client_name = EXCLUDED.client_name, icon = EXCLUDED.icon,"
            + " redirect_uris = EXCLUDED.redirect_uris, token_endpoint_auth_method = EXCLUDED.token_endpoint_auth_method,"
            + " grant_types = EXCLUDED.grant_types, response_types = EXCLUDED.response_types, scope = EXCLUDED.scope,"
            + " client_uri = EXCLUDED.client_uri, logo_uri = EXCLUDED.logo_uri, tos_uri = EXCLUDED.tos_uri,"
            + " policy_uri = EXCLUDED.policy_uri, contacts = EXCLUDED.contacts, software_id = EXCLUDED.software_id,"
            + " software_version = EXCLUDED.software_version, updated_at = EXCLUDED.updated_at,"
            + " metadata_document_url = EXCLUDED.metadata_document_url, metadata_fetched_at = EXCLUDED.metadata_fetched_at")
    int upsertDocumentClient(ClientRow row);

    Optional<ClientRow> findById(UUID id);

    @Query("SELECT * FROM oauth2_app ORDER BY created_at, id")
    List<ClientRow> listOrdered();

    @Query("UPDATE oauth2_app SET client_name = :clientName, icon = :icon, redirect_uris = :redirectUris,"
            + " token_endpoint_auth_method = :tokenEndpointAuthMethod, grant_types = :grantTypes,"
            + " response_types = :responseTypes, scope = :scope, client_uri = :clientUri, logo_uri = :logoUri,"
            + " tos_uri = :tosUri, policy_uri = :policyUri, contacts = :contacts, software_id = :softwareId,"
            + " software_version = :softwareVersion, updated_at = :updatedAt WHERE id = :id")
    int updateMetadata(UUID id, @Nullable String clientName, @Nullable String icon, String[] redirectUris,
            String tokenEndpointAuthMethod, String[] grantTypes, String[] responseTypes, @Nullable String[] scope,
            @Nullable String clientUri, @Nullable String logoUri, @Nullable String tosUri, @Nullable String policyUri,
            String[] contacts, @Nullable String softwareId, @Nullable String softwareVersion, Instant updatedAt);

    @Query("DELETE FROM oauth2_app a WHERE (a.dynamically_registered OR a.metadata_document_url IS NOT NULL)"
            + " AND a.updated_at < :cutoff AND NOT EXISTS (SELECT 1 FROM oauth2_grant g WHERE g.app_id = a.id)"
            + " AND NOT EXISTS (SELECT 1 FROM oauth2_code c WHERE c.app_id = a.id)")
    int deleteUnusedSelfRegisteredBefore(Instant cutoff);

    @Query("DELETE FROM oauth2_app WHERE id = :id")
    int deleteClient(UUID id);
}

package io.portcullis.adapters.persistence.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.portcullis.adapters.persistence.oauth.ResourceRows.ResourceRow;
import io.portcullis.adapters.persistence.oauth.ResourceRows.ResourceTokenRow;
import io.portcullis.adapters.persistence.oauth.ResourceRows.SigningKeyRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Statements on the registered-resource, resource-token and signing-key tables. */
final class ResourceRowRepositories {
    private ResourceRowRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ResourceRowRepository extends GenericRepository<ResourceRow, UUID> {
        @Query("INSERT INTO oauth2_resource (id, resource, display_name, scopes, scope_descriptions, access_token_format,"
                + " access_token_lifetime_seconds, introspection_app_id, created_at, updated_at) VALUES (:id, :resource,"
                + " :displayName, :scopes, :scopeDescriptions, :accessTokenFormat, :accessTokenLifetimeSeconds,"
                + " :introspectionAppId, :createdAt, :updatedAt) ON CONFLICT (resource) DO NOTHING")
        int insertUnlessTaken(UUID id, String resource, String displayName, String[] scopes, String[] scopeDescriptions,
                String accessTokenFormat, int accessTokenLifetimeSeconds, UUID introspectionAppId, Instant createdAt,
                Instant updatedAt);

        @Query("UPDATE oauth2_resource SET resource = :resource, display_name = :displayName, scopes = :scopes,"
                + " scope_descriptions = :scopeDescriptions, access_token_format = :accessTokenFormat,"
                + " access_token_lifetime_seconds = :accessTokenLifetimeSeconds, updated_at = :updatedAt WHERE id = :id"
                + " AND NOT EXISTS (SELECT 1 FROM oauth2_resource o WHERE o.resource = :resource AND o.id <> :id)")
        int updateUnlessTaken(UUID id, String resource, String displayName, String[] scopes, String[] scopeDescriptions,
                String accessTokenFormat, int accessTokenLifetimeSeconds, Instant updatedAt);

        Optional<ResourceRow> findById(UUID id);

        Optional<ResourceRow> findByResource(String resource);

        @Query("SELECT * FROM oauth2_resource ORDER BY created_at, id")
        List<ResourceRow> listOrdered();

        @Query("DELETE FROM oauth2_resource WHERE id = :id")
        int deleteResource(UUID id);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ResourceTokenRowRepository extends GenericRepository<ResourceTokenRow, UUID> {
        void insert(ResourceTokenRow row);

        Optional<ResourceTokenRow> findById(UUID id);

        Optional<ResourceTokenRow> findByPrefix(String prefix);

        @Query("DELETE FROM oauth2_resource_token WHERE id = :id")
        int deleteToken(UUID id);

        @Query("DELETE FROM oauth2_resource_token WHERE audience = :audience")
        int deleteByAudience(String audience);

        @Query("DELETE FROM oauth2_grant WHERE resource = :audience")
        int deleteGrantsByResource(String audience);

        @Query("DELETE FROM oauth2_resource_token WHERE expires_at < :cutoff")
        int deleteExpiredBefore(Instant cutoff);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface SigningKeyRowRepository extends GenericRepository<SigningKeyRow, String> {
        @Query("SELECT * FROM oauth2_signing_key ORDER BY created_at, kid")
        List<SigningKeyRow> listOrdered();

        /** Serialises first-key creation between replicas until the transaction ends. */
        @Query("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(7263001)) l")
        long lockFirstKey();

        /** Inserts the first key only while the table is empty. */
        @Query("INSERT INTO oauth2_signing_key (kid, public_jwk, private_jwk_sealed, created_at, activates_at, retires_at)"
                + " SELECT :kid, :publicJwk, :privateJwkSealed, :createdAt, :activatesAt, NULL"
                + " WHERE NOT EXISTS (SELECT 1 FROM oauth2_signing_key)")
        int insertFirst(String kid, String publicJwk, String privateJwkSealed, Instant createdAt, Instant activatesAt);

        @Query("INSERT INTO oauth2_signing_key (kid, public_jwk, private_jwk_sealed, created_at, activates_at, retires_at)"
                + " VALUES (:kid, :publicJwk, :privateJwkSealed, :createdAt, :activatesAt, :retiresAt)"
                + " ON CONFLICT (kid) DO UPDATE SET retires_at = EXCLUDED.retires_at")
        int upsert(String kid, String publicJwk, String privateJwkSealed, Instant createdAt, Instant activatesAt,
                @Nullable Instant retiresAt);
    }
}

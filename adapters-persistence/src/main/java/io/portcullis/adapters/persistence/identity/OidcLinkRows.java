package io.portcullis.adapters.persistence.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Rows and statements of {@code user_oidc_link}. */
final class OidcLinkRows {
    private OidcLinkRows() {
    }

    @MappedEntity("user_oidc_link")
    record LinkRow(String issuer, String subject, UUID userId, String provider, String email, String accessTokenSealed,
            @Nullable String refreshTokenSealed, @Nullable Instant expiresAt, Instant signedInAt, Instant updatedAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface LinkRowRepository extends GenericRepository<LinkRow, Object> {
        /** A user keeps one link per issuer: a new subject at the same issuer replaces the old link. */
        @Query("DELETE FROM user_oidc_link WHERE user_id = :userId AND issuer = :issuer AND subject <> :subject")
        int deleteOtherSubject(UUID userId, String issuer, String subject);

        @Query("INSERT INTO user_oidc_link (issuer, subject, user_id, provider, email, access_token_sealed,"
                + " refresh_token_sealed, expires_at, signed_in_at, updated_at) VALUES (:issuer, :subject, :userId, :provider,"
                + " :email, :accessTokenSealed, :refreshTokenSealed, :expiresAt, :signedInAt, :updatedAt)"
                + " ON CONFLICT (issuer, subject) DO UPDATE SET user_id = EXCLUDED.user_id, provider = EXCLUDED.provider,"
                + " email = EXCLUDED.email, access_token_sealed = EXCLUDED.access_token_sealed,"
                + " refresh_token_sealed = EXCLUDED.refresh_token_sealed, expires_at = EXCLUDED.expires_at,"
                + " signed_in_at = EXCLUDED.signed_in_at, updated_at = EXCLUDED.updated_at")
        int upsert(LinkRow row);

        @Query("SELECT * FROM user_oidc_link WHERE issuer = :issuer AND subject = :subject")
        Optional<LinkRow> find(String issuer, String subject);

        /** Holds a row lock until the surrounding transaction ends. */
        @Query("SELECT * FROM user_oidc_link WHERE issuer = :issuer AND subject = :subject FOR UPDATE")
        Optional<LinkRow> findForUpdate(String issuer, String subject);

        @Query("SELECT * FROM user_oidc_link WHERE user_id = :userId ORDER BY signed_in_at DESC LIMIT 1")
        Optional<LinkRow> latestForUser(UUID userId);
    }
}

package io.portcullis.adapters.persistence.oauth;

import io.portcullis.adapters.persistence.shared.Sql;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.RedirectUri;
import io.portcullis.domain.shared.SecretDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** OAuth clients in table {@code oauth2_app}. */
public final class JdbcOAuthClientRepository implements OAuthClientRepository {
    private static final String COLUMNS = "id, client_name, icon, redirect_uris, token_endpoint_auth_method, grant_types,"
            + " response_types, scope, client_uri, logo_uri, tos_uri, policy_uri, contacts, software_id, software_version,"
            + " registration_token_digest, dynamically_registered, created_at, updated_at, metadata_document_url,"
            + " metadata_fetched_at";
    private final Sql sql;

    public JdbcOAuthClientRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(OAuthClient c) {
        insert(c, "");
    }

    private void insert(OAuthClient c, String onConflict) {
        ClientMetadata m = c.metadata();
        sql.update("INSERT INTO oauth2_app (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + onConflict,
                c.id(), Sql.nullableText(m.clientName()), Sql.nullableText(m.icon()), redirects(m), m.tokenEndpointAuthMethod(),
                new Sql.TextArray(m.grantTypes()), new Sql.TextArray(m.responseTypes()), scope(m),
                Sql.nullableText(m.clientUri()), Sql.nullableText(m.logoUri()), Sql.nullableText(m.tosUri()),
                Sql.nullableText(m.policyUri()), new Sql.TextArray(m.contacts()), Sql.nullableText(m.softwareId()),
                Sql.nullableText(m.softwareVersion()),
                c.registrationTokenDigest().isPresent() ? c.registrationTokenDigest().get().bytes() : new Sql.NullOf(java.sql.Types.BINARY),
                c.dynamicallyRegistered(), c.createdAt(), c.updatedAt(),
                Sql.nullableText(c.document().map(OAuthClient.MetadataDocument::url).orElse(null)),
                Sql.nullableInstant(c.document().map(OAuthClient.MetadataDocument::fetchedAt).orElse(null)));
    }

    @Override
    public void saveDocumentClient(OAuthClient c) {
        insert(c, " ON CONFLICT (id) DO UPDATE SET client_name = EXCLUDED.client_name, icon = EXCLUDED.icon,"
                + " redirect_uris = EXCLUDED.redirect_uris, token_endpoint_auth_method = EXCLUDED.token_endpoint_auth_method,"
                + " grant_types = EXCLUDED.grant_types, response_types = EXCLUDED.response_types, scope = EXCLUDED.scope,"
                + " client_uri = EXCLUDED.client_uri, logo_uri = EXCLUDED.logo_uri, tos_uri = EXCLUDED.tos_uri,"
                + " policy_uri = EXCLUDED.policy_uri, contacts = EXCLUDED.contacts, software_id = EXCLUDED.software_id,"
                + " software_version = EXCLUDED.software_version, updated_at = EXCLUDED.updated_at,"
                + " metadata_document_url = EXCLUDED.metadata_document_url, metadata_fetched_at = EXCLUDED.metadata_fetched_at");
    }

    @Override
    public Optional<OAuthClient> findById(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM oauth2_app WHERE id = ?", JdbcOAuthClientRepository::map, id);
    }

    @Override
    public List<OAuthClient> list() {
        return sql.list("SELECT " + COLUMNS + " FROM oauth2_app ORDER BY created_at, id", JdbcOAuthClientRepository::map);
    }

    @Override
    public void update(OAuthClient c) {
        ClientMetadata m = c.metadata();
        sql.update("UPDATE oauth2_app SET client_name = ?, icon = ?, redirect_uris = ?, token_endpoint_auth_method = ?,"
                + " grant_types = ?, response_types = ?, scope = ?, client_uri = ?, logo_uri = ?, tos_uri = ?, policy_uri = ?,"
                + " contacts = ?, software_id = ?, software_version = ?, updated_at = ? WHERE id = ?",
                Sql.nullableText(m.clientName()), Sql.nullableText(m.icon()), redirects(m), m.tokenEndpointAuthMethod(),
                new Sql.TextArray(m.grantTypes()), new Sql.TextArray(m.responseTypes()), scope(m),
                Sql.nullableText(m.clientUri()), Sql.nullableText(m.logoUri()), Sql.nullableText(m.tosUri()),
                Sql.nullableText(m.policyUri()), new Sql.TextArray(m.contacts()), Sql.nullableText(m.softwareId()),
                Sql.nullableText(m.softwareVersion()), c.updatedAt(), c.id());
    }

    @Override
    public int deleteUnusedSelfRegisteredBefore(java.time.Instant cutoff) {
        return sql.update("DELETE FROM oauth2_app a WHERE (a.dynamically_registered OR a.metadata_document_url IS NOT NULL)"
                + " AND a.updated_at < ? AND NOT EXISTS (SELECT 1 FROM oauth2_grant g WHERE g.app_id = a.id)"
                + " AND NOT EXISTS (SELECT 1 FROM oauth2_code c WHERE c.app_id = a.id)", cutoff);
    }

    @Override
    public boolean delete(UUID id) {
        return sql.update("DELETE FROM oauth2_app WHERE id = ?", id) == 1;
    }

    private static Sql.TextArray redirects(ClientMetadata m) {
        return new Sql.TextArray(m.redirectUris().stream().map(RedirectUri::value).toList());
    }

    private static Object scope(ClientMetadata m) {
        return m.scope().isPresent() ? new Sql.TextArray(m.scope().get().values()) : new Sql.NullOf(java.sql.Types.ARRAY);
    }

    private static OAuthClient map(ResultSet rs) throws SQLException {
        java.sql.Array scope = rs.getArray("scope");
        byte[] digest = rs.getBytes("registration_token_digest");
        ClientMetadata metadata = new ClientMetadata(rs.getString("client_name"),
                Sql.texts(rs, "redirect_uris").stream().map(RedirectUri::new).toList(), rs.getString("token_endpoint_auth_method"),
                Sql.texts(rs, "grant_types"), Sql.texts(rs, "response_types"),
                scope == null ? Optional.empty() : Optional.of(ScopeSet.of(List.of((String[]) scope.getArray()))),
                rs.getString("client_uri"), rs.getString("logo_uri"), rs.getString("tos_uri"), rs.getString("policy_uri"),
                Sql.texts(rs, "contacts"), rs.getString("software_id"), rs.getString("software_version"), rs.getString("icon"));
        String documentUrl = rs.getString("metadata_document_url");
        java.time.Instant fetchedAt = Sql.instant(rs, "metadata_fetched_at");
        return new OAuthClient(Sql.uuid(rs, "id"), metadata, Optional.ofNullable(digest).map(SecretDigest::new),
                rs.getBoolean("dynamically_registered"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                Optional.ofNullable(documentUrl).map(u -> new OAuthClient.MetadataDocument(u, fetchedAt)));
    }
}

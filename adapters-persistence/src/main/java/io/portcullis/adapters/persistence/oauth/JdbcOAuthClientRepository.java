package io.portcullis.adapters.persistence.oauth;

import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.RedirectUri;
import io.portcullis.domain.shared.SecretDigest;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** OAuth clients in table {@code oauth2_app}. */
@Singleton
public final class JdbcOAuthClientRepository implements OAuthClientRepository {
    private final ClientRowRepository rows;

    JdbcOAuthClientRepository(ClientRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void insert(OAuthClient c) {
        rows.insert(row(c));
    }

    @Override
    public void saveDocumentClient(OAuthClient c) {
        rows.upsertDocumentClient(row(c));
    }

    @Override
    public Optional<OAuthClient> findById(UUID id) {
        return rows.findById(id).map(JdbcOAuthClientRepository::client);
    }

    @Override
    public List<OAuthClient> list() {
        return rows.listOrdered().stream().map(JdbcOAuthClientRepository::client).toList();
    }

    @Override
    public void update(OAuthClient c) {
        ClientMetadata m = c.metadata();
        rows.updateMetadata(c.id(), m.clientName(), m.icon(), redirects(m), m.tokenEndpointAuthMethod(), texts(m.grantTypes()),
                texts(m.responseTypes()), scope(m), m.clientUri(), m.logoUri(), m.tosUri(), m.policyUri(), texts(m.contacts()),
                m.softwareId(), m.softwareVersion(), c.updatedAt());
    }

    @Override
    public int deleteUnusedSelfRegisteredBefore(Instant cutoff) {
        return rows.deleteUnusedSelfRegisteredBefore(cutoff);
    }

    @Override
    public boolean delete(UUID id) {
        return rows.deleteClient(id) == 1;
    }

    private static ClientRow row(OAuthClient c) {
        ClientMetadata m = c.metadata();
        return new ClientRow(c.id(), m.clientName(), m.icon(), redirects(m), m.tokenEndpointAuthMethod(), texts(m.grantTypes()),
                texts(m.responseTypes()), scope(m), m.clientUri(), m.logoUri(), m.tosUri(), m.policyUri(), texts(m.contacts()),
                m.softwareId(), m.softwareVersion(), c.registrationTokenDigest().map(SecretDigest::bytes).orElse(null),
                c.dynamicallyRegistered(), c.createdAt(), c.updatedAt(),
                c.document().map(OAuthClient.MetadataDocument::url).orElse(null),
                c.document().map(OAuthClient.MetadataDocument::fetchedAt).orElse(null));
    }

    private static String[] texts(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static String[] redirects(ClientMetadata m) {
        return m.redirectUris().stream().map(RedirectUri::value).toArray(String[]::new);
    }

    private static String[] scope(ClientMetadata m) {
        return m.scope().map(s -> texts(s.values())).orElse(null);
    }

    private static OAuthClient client(ClientRow r) {
        ClientMetadata metadata = new ClientMetadata(r.clientName(),
                List.of(r.redirectUris()).stream().map(RedirectUri::new).toList(), r.tokenEndpointAuthMethod(),
                List.of(r.grantTypes()), List.of(r.responseTypes()),
                r.scope() == null ? Optional.empty() : Optional.of(ScopeSet.of(List.of(r.scope()))),
                r.clientUri(), r.logoUri(), r.tosUri(), r.policyUri(), List.of(r.contacts()), r.softwareId(),
                r.softwareVersion(), r.icon());
        Instant fetchedAt = r.metadataFetchedAt();
        return new OAuthClient(r.id(), metadata, Optional.ofNullable(r.registrationTokenDigest()).map(SecretDigest::new),
                r.dynamicallyRegistered(), r.createdAt(), r.updatedAt(),
                Optional.ofNullable(r.metadataDocumentUrl()).map(u -> new OAuthClient.MetadataDocument(u, fetchedAt)));
    }
}

package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A registered OAuth client (an "app"). Its {@code id} keys everything internally; the client_id it uses
 * on the wire is that uuid, or the URL of its Client ID Metadata Document when it came from one.
 */
public record OAuthClient(UUID id, ClientMetadata metadata, Optional<SecretDigest> registrationTokenDigest,
        boolean dynamicallyRegistered, Instant createdAt, Instant updatedAt, Optional<MetadataDocument> document) {

    public OAuthClient(UUID id, ClientMetadata metadata, Optional<SecretDigest> registrationTokenDigest,
            boolean dynamicallyRegistered, Instant createdAt, Instant updatedAt) {
        this(id, metadata, registrationTokenDigest, dynamicallyRegistered, createdAt, updatedAt, Optional.empty());
    }

    /** Where a metadata-document client's description lives and when it was last fetched. */
    public record MetadataDocument(String url, Instant fetchedAt) {
    }

    public ClientType clientType() {
        return metadata.clientType();
    }

    /** The client_id this client presents: its metadata document URL, or its uuid. */
    public String clientId() {
        return document.map(MetadataDocument::url).orElse(id.toString());
    }

    public OAuthClient withMetadata(ClientMetadata next, Instant now) {
        return new OAuthClient(id, next, registrationTokenDigest, dynamicallyRegistered, createdAt, now, document);
    }

    public boolean allowsRefresh() {
        return metadata.grantTypes().contains("refresh_token");
    }
}

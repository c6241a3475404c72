package io.portcullis.adapters.persistence.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code oauth2_app}. */
@MappedEntity("oauth2_app")
record ClientRow(@Id UUID id, @Nullable String clientName, @Nullable String icon, String[] redirectUris,
        String tokenEndpointAuthMethod, String[] grantTypes, String[] responseTypes, @Nullable String[] scope,
        @Nullable String clientUri, @Nullable String logoUri, @Nullable String tosUri, @Nullable String policyUri,
        String[] contacts, @Nullable String softwareId, @Nullable String softwareVersion,
        @Nullable byte[] registrationTokenDigest, boolean dynamicallyRegistered, Instant createdAt, Instant updatedAt,
        @Nullable String metadataDocumentUrl, @Nullable Instant metadataFetchedAt) {
}

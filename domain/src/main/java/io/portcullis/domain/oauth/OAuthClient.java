package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A registered OAuth client (an "app"); its id is the client_id. */
public record OAuthClient(UUID id, ClientMetadata metadata, Optional<SecretDigest> registrationTokenDigest,
        boolean dynamicallyRegistered, Instant createdAt, Instant updatedAt) {

    public ClientType clientType() {
        return metadata.clientType();
    }

    public OAuthClient withMetadata(ClientMetadata next, Instant now) {
        return new OAuthClient(id, next, registrationTokenDigest, dynamicallyRegistered, createdAt, now);
    }

    public boolean allowsRefresh() {
        return metadata.grantTypes().contains("refresh_token");
    }
}

package io.portcullis.domain.oauth;

import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.List;
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

    /**
     * The Portcullis scope this client may be granted when it asks for {@code requested}: absent means the
     * client's allow list (or everything when it has none); a requested scope must lie inside that list.
     */
    public Result<ScopeSet, OAuthError> grantableScope(String requested) {
        Optional<ScopeSet> allowList = metadata.scope();
        if (requested == null || requested.isBlank()) {
            if (allowList.isEmpty()) {
                return Result.ok(ScopeSet.ALL);
            }
            List<String> own = allowList.get().values().stream().filter(Scope::isValid).toList();
            return own.isEmpty() ? Result.err(new OAuthError.InvalidScope("this application may be granted no Portcullis scope"))
                    : Result.ok(ScopeSet.of(own));
        }
        ScopeSet scope;
        try {
            scope = ScopeSet.parseSpaceDelimited(requested).requireKnown();
        } catch (DomainValidationException e) {
            return Result.err(new OAuthError.InvalidScope(e.getMessage()));
        }
        if (allowList.isPresent() && !allowList.get().covers(scope)) {
            return Result.err(new OAuthError.InvalidScope("scope exceeds what this application may be granted: "
                    + allowList.get().spaceDelimited()));
        }
        return Result.ok(scope);
    }
}

package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientResolutionError;
import io.portcullis.domain.oauth.MetadataDocumentClientId;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the client a request names: a registered uuid, or the URL of a Client ID Metadata Document, which is
 * fetched (guarded), checked — its client_id must equal the URL, it must be a public client — and cached.
 */
public final class ClientDirectory {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);
    private final OAuthClientRepository clients;
    private final ClientMetadataDocumentPort documents;
    private final boolean allowHttpDocuments;
    private final Clock clock;

    public ClientDirectory(OAuthClientRepository clients, ClientMetadataDocumentPort documents, boolean allowHttpDocuments,
            Clock clock) {
        this.clients = clients;
        this.documents = documents;
        this.allowHttpDocuments = allowHttpDocuments;
        this.clock = clock;
    }

    /** The client, or why none could be found or trusted. */
    public Result<OAuthClient, ClientResolutionError> resolve(String clientId) {
        if (clientId == null) {
            return Result.err(new ClientResolutionError.MissingClientId());
        }
        Optional<MetadataDocumentClientId> url = MetadataDocumentClientId.recognise(clientId);
        if (url.isEmpty()) {
            return Uuids.parse(clientId).flatMap(clients::findById).filter(c -> c.document().isEmpty())
                    .<Result<OAuthClient, ClientResolutionError>>map(Result::ok)
                    .orElseGet(() -> Result.err(new ClientResolutionError.NotRegistered()));
        }
        Optional<String> problem = url.get().problem(allowHttpDocuments);
        if (problem.isPresent()) {
            return Result.err(new ClientResolutionError.UnusableUrl(problem.get()));
        }
        Optional<OAuthClient> cached = clients.findById(url.get().internalId())
                .filter(c -> c.document().map(d -> d.url().equals(clientId)).orElse(false));
        Instant now = clock.instant();
        if (cached.isPresent() && cached.get().document().get().fetchedAt().plus(CACHE_FOR).isAfter(now)) {
            return Result.ok(cached.get());
        }
        Result<ClientMetadataDocumentPort.Document, ClientMetadataDocumentPort.FetchFailure> fetched = documents.fetch(clientId);
        if (!fetched.isOk()) {
            return Result.err(new ClientResolutionError.DocumentUnavailable(fetched.error().reason()));
        }
        ClientMetadataDocumentPort.Document doc = fetched.value();
        if (!clientId.equals(doc.clientId())) {
            return Result.err(new ClientResolutionError.DocumentNamesOtherClient());
        }
        if (doc.hasSecret()) {
            return Result.err(new ClientResolutionError.DocumentHasSecret());
        }
        ClientMetadata.Raw raw = doc.metadata();
        if (raw.tokenEndpointAuthMethod() != null && !raw.tokenEndpointAuthMethod().equals("none")) {
            return Result.err(new ClientResolutionError.DocumentNotPublic());
        }
        Result<ClientMetadata, OAuthError> metadata = ClientMetadata.validate(new ClientMetadata.Raw(raw.clientName(),
                raw.redirectUris(), "none", raw.grantTypes(), raw.responseTypes(), raw.scope(), raw.clientUri(), raw.logoUri(),
                raw.tosUri(), raw.policyUri(), raw.contacts(), raw.softwareId(), raw.softwareVersion(), null));
        if (!metadata.isOk()) {
            return Result.err(new ClientResolutionError.DocumentInvalid(metadata.error()));
        }
        UUID id = url.get().internalId();
        OAuthClient client = new OAuthClient(id, metadata.value(), Optional.empty(), false,
                cached.map(OAuthClient::createdAt).orElse(now), now, Optional.of(new OAuthClient.MetadataDocument(clientId, now)));
        clients.saveDocumentClient(client);
        return Result.ok(client);
    }
}

package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.shared.Result;

/** Fetches a Client ID Metadata Document over guarded outbound HTTP. */
public interface ClientMetadataDocumentPort {
    /** The document's {@code client_id} and metadata, or why it could not be fetched or read. */
    Result<Document, String> fetch(String url);

    /** What the document says; {@code hasSecret} when it (wrongly) carries client secret fields. */
    record Document(String clientId, ClientMetadata.Raw metadata, boolean hasSecret) {
    }
}

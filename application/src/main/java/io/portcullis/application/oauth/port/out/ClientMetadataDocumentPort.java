package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.shared.Result;

/** Fetches a Client ID Metadata Document over guarded outbound HTTP. */
public interface ClientMetadataDocumentPort {
    /** The document's {@code client_id} and metadata, or why it could not be fetched or read. */
    Result<Document, FetchFailure> fetch(String url);

    /** What the document says; {@code hasSecret} when it (wrongly) carries client secret fields. */
    record Document(String clientId, ClientMetadata.Raw metadata, boolean hasSecret) {
    }

    /** Why no document came back; {@code reason} is short and never echoes the document. */
    sealed interface FetchFailure {
        String reason();
    }

    /** Not fetched: refused by the outbound guard, unreachable, or too slow. */
    record Unreachable(String reason) implements FetchFailure {
    }

    /** Fetched, but not a usable document: wrong status or type, too large, not JSON, wrong field types. */
    record Unfit(String reason) implements FetchFailure {
    }
}

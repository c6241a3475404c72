package io.portcullis.domain.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A client_id that is the URL of an OAuth Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document,
 * MCP 2026-07-28 client registration): https, a host, a path other than "/", no fragment, no user info, no dot
 * segments. Plain http is admitted only where the deployment allows private addresses (tests, development).
 */
public record MetadataDocumentClientId(String url) {

    /** Empty when {@code clientId} is not meant as a document URL at all (e.g. a uuid). */
    public static Optional<MetadataDocumentClientId> recognise(String clientId) {
        if (clientId == null) {
            return Optional.empty();
        }
        String lower = clientId.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://")
                ? Optional.of(new MetadataDocumentClientId(clientId)) : Optional.empty();
    }

    /** Why this URL cannot serve as a client_id, or empty when it can. */
    public Optional<String> problem(boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("the client_id is not a valid URL");
        }
        if (!"https".equals(uri.getScheme()) && !(allowHttp && "http".equals(uri.getScheme()))) {
            return Optional.of("a URL client_id must use https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("a URL client_id must name a host and carry no user info or fragment");
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            return Optional.of("a URL client_id must have a path and no dot segments");
        }
        if (url.length() > 2000) {
            return Optional.of("the client_id URL is too long");
        }
        return Optional.empty();
    }

    /** The stable internal id of this client: the same URL always maps to the same uuid. */
    public UUID internalId() {
        return UUID.nameUUIDFromBytes(("client-id-metadata-document:" + url).getBytes(StandardCharsets.UTF_8));
    }
}

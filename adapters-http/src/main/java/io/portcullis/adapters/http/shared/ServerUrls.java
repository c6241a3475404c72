package io.portcullis.adapters.http.shared;

import io.portcullis.domain.shared.ResourceUri;
import java.net.URI;

/**
 * The public URLs derived from the configured access URL: issuer, API resource, and the Protected
 * Resource Metadata document of each resource (RFC 9728 §3.1).
 */
public record ServerUrls(String accessUrl) {
    public ServerUrls {
        accessUrl = accessUrl.endsWith("/") ? accessUrl.substring(0, accessUrl.length() - 1) : accessUrl;
    }

    public String issuer() {
        return accessUrl;
    }

    /** The REST API's resource identifier: the access URL itself. */
    public ResourceUri apiResource() {
        return ResourceUri.parse(accessUrl);
    }

    public String url(String path) {
        return accessUrl + path;
    }

    /** PRM location for {@code resource}: the well-known name inserted between host and path. */
    public String metadataUrlFor(ResourceUri resource) {
        String path = resource.path();
        String base = accessUrl + "/.well-known/oauth-protected-resource";
        return "/".equals(path) ? base : base + path;
    }

    public String origin() {
        URI uri = URI.create(accessUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public boolean secure() {
        return accessUrl.startsWith("https:");
    }
}

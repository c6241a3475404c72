package io.portcullis.application.registry.service;

import io.portcullis.application.oauth.port.out.ProtectedResourcesPort;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.shared.ResourceUri;

/** The protected resources: the REST API at the access URL, and {@code /mcp/<slug>} for each enabled server. */
public final class GatewayProtectedResources implements ProtectedResourcesPort {
    public static final String GATEWAY_PREFIX = io.portcullis.domain.registry.GatewayPaths.PREFIX;
    private final ResourceUri api;
    private final McpServerRepository servers;

    public GatewayProtectedResources(ResourceUri api, McpServerRepository servers) {
        this.api = api;
        this.servers = servers;
    }

    @Override
    public boolean isProtectedResource(ResourceUri resource) {
        if (resource.equals(api)) {
            return true;
        }
        if (!api.covers(resource)) {
            return false;
        }
        String base = api.path().equals("/") ? "" : api.path();
        String path = resource.path();
        if (!path.startsWith(base + GATEWAY_PREFIX) || resource.value().contains("?")) {
            return false;
        }
        String slug = path.substring((base + GATEWAY_PREFIX).length());
        return !slug.isEmpty() && !slug.contains("/")
                && servers.findBySlug(slug).filter(McpServerConfig::enabled).isPresent();
    }
}

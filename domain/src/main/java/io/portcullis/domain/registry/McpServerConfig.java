package io.portcullis.domain.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An upstream MCP server an owner registered, with how Portcullis authenticates to it. Secret fields
 * (client secret, API key value, custom headers) are held here in clear only in memory; stores seal them
 * and no API ever returns them. {@code oauth2RevocationUrl} is found by discovery (RFC 8414) or set by an owner for a
 * hand-configured client, and used to revoke a user's upstream token when they disconnect (RFC 7009).
 * {@code oauth2Issuer} is the authorization server a discovered registration belongs to (empty for hand-configured
 * clients), and {@code oauth2IssParameterSupported} whether its metadata promises {@code iss} in authorization
 * responses (RFC 9207 §2.3).
 */
public record McpServerConfig(UUID id, String displayName, String slug, String description, String iconUrl,
        Transport transport, String url, AuthType authType, String oauth2ClientId, Optional<String> oauth2ClientSecret,
        String oauth2AuthUrl, String oauth2TokenUrl, String oauth2Scopes, String apiKeyHeader, Optional<String> apiKeyValue,
        Map<String, String> customHeaders, List<String> toolAllowList, List<String> toolDenyList, Availability availability,
        boolean enabled, Instant createdAt, Instant updatedAt, String oauth2RevocationUrl, String oauth2Issuer,
        boolean oauth2IssParameterSupported) {

    /** A config whose client is not bound to a known issuer (hand-configured oauth2, or another auth type). */
    public McpServerConfig(UUID id, String displayName, String slug, String description, String iconUrl,
            Transport transport, String url, AuthType authType, String oauth2ClientId, Optional<String> oauth2ClientSecret,
            String oauth2AuthUrl, String oauth2TokenUrl, String oauth2Scopes, String apiKeyHeader, Optional<String> apiKeyValue,
            Map<String, String> customHeaders, List<String> toolAllowList, List<String> toolDenyList, Availability availability,
            boolean enabled, Instant createdAt, Instant updatedAt, String oauth2RevocationUrl) {
        this(id, displayName, slug, description, iconUrl, transport, url, authType, oauth2ClientId, oauth2ClientSecret,
                oauth2AuthUrl, oauth2TokenUrl, oauth2Scopes, apiKeyHeader, apiKeyValue, customHeaders, toolAllowList,
                toolDenyList, availability, enabled, createdAt, updatedAt, oauth2RevocationUrl, "", false);
    }

    /** A config without a known revocation endpoint (hand-configured oauth2, or another auth type). */
    public McpServerConfig(UUID id, String displayName, String slug, String description, String iconUrl,
            Transport transport, String url, AuthType authType, String oauth2ClientId, Optional<String> oauth2ClientSecret,
            String oauth2AuthUrl, String oauth2TokenUrl, String oauth2Scopes, String apiKeyHeader, Optional<String> apiKeyValue,
            Map<String, String> customHeaders, List<String> toolAllowList, List<String> toolDenyList, Availability availability,
            boolean enabled, Instant createdAt, Instant updatedAt) {
        this(id, displayName, slug, description, iconUrl, transport, url, authType, oauth2ClientId, oauth2ClientSecret,
                oauth2AuthUrl, oauth2TokenUrl, oauth2Scopes, apiKeyHeader, apiKeyValue, customHeaders, toolAllowList,
                toolDenyList, availability, enabled, createdAt, updatedAt, "");
    }

    public McpServerConfig {
        customHeaders = Map.copyOf(customHeaders);
        toolAllowList = List.copyOf(toolAllowList);
        toolDenyList = List.copyOf(toolDenyList);
    }

    public enum Transport {
        STREAMABLE_HTTP, SSE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum AuthType {
        NONE, OAUTH2, API_KEY, CUSTOM_HEADERS, USER_OIDC;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Availability {
        FORCE_ON, DEFAULT_ON, DEFAULT_OFF;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Never prints the secret fields: this value is in logs' reach. */
    @Override
    public String toString() {
        return "McpServerConfig[" + id + ", " + slug + ", " + authType.wire() + ", " + url + "]";
    }

    public boolean hasOAuth2Secret() {
        return oauth2ClientSecret.isPresent();
    }

    public boolean hasApiKey() {
        return apiKeyValue.isPresent();
    }

    public boolean hasCustomHeaders() {
        return !customHeaders.isEmpty();
    }

    /** oauth2 with none of client id, authorize URL and token URL: Portcullis discovers and registers itself. */
    public boolean needsOAuth2Discovery() {
        return authType == AuthType.OAUTH2 && oauth2ClientId.isEmpty() && oauth2AuthUrl.isEmpty() && oauth2TokenUrl.isEmpty();
    }

    /** A client Portcullis registered itself, bound to the issuer it registered with (MCP client registration). */
    public boolean hasDiscoveredClient() {
        return authType == AuthType.OAUTH2 && !oauth2Issuer.isEmpty();
    }
}

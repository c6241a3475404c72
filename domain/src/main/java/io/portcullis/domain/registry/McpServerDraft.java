package io.portcullis.domain.registry;

import io.portcullis.domain.registry.McpServerConfig.Availability;
import io.portcullis.domain.registry.McpServerConfig.AuthType;
import io.portcullis.domain.registry.McpServerConfig.Transport;
import io.portcullis.domain.shared.Result;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fields an owner sends for an MCP server, each optional: on create absent means default, on PATCH absent
 * means unchanged. {@link #applyTo} validates the result per auth type and clears the other types' fields
 * when the auth type changes.
 */
public record McpServerDraft(Optional<String> displayName, Optional<String> slug, Optional<String> description,
        Optional<String> iconUrl, Optional<String> transport, Optional<String> url, Optional<String> authType,
        Optional<String> oauth2ClientId, Optional<String> oauth2ClientSecret, Optional<String> oauth2AuthUrl,
        Optional<String> oauth2TokenUrl, Optional<String> oauth2Scopes, Optional<String> apiKeyHeader,
        Optional<String> apiKeyValue, Optional<Map<String, String>> customHeaders, Optional<List<String>> toolAllowList,
        Optional<List<String>> toolDenyList, Optional<String> availability, Optional<Boolean> enabled,
        Optional<String> oauth2RevocationUrl) {

    /** A draft that leaves the revocation endpoint as it is. */
    public McpServerDraft(Optional<String> displayName, Optional<String> slug, Optional<String> description,
            Optional<String> iconUrl, Optional<String> transport, Optional<String> url, Optional<String> authType,
            Optional<String> oauth2ClientId, Optional<String> oauth2ClientSecret, Optional<String> oauth2AuthUrl,
            Optional<String> oauth2TokenUrl, Optional<String> oauth2Scopes, Optional<String> apiKeyHeader,
            Optional<String> apiKeyValue, Optional<Map<String, String>> customHeaders, Optional<List<String>> toolAllowList,
            Optional<List<String>> toolDenyList, Optional<String> availability, Optional<Boolean> enabled) {
        this(displayName, slug, description, iconUrl, transport, url, authType, oauth2ClientId, oauth2ClientSecret,
                oauth2AuthUrl, oauth2TokenUrl, oauth2Scopes, apiKeyHeader, apiKeyValue, customHeaders, toolAllowList,
                toolDenyList, availability, enabled, Optional.empty());
    }

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$");
    /** Headers the transport owns, or that Portcullis sets itself, cannot be configured. */
    private static final java.util.Set<String> RESERVED_HEADERS = java.util.Set.of("host", "connection", "content-length",
            "content-type", "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-authorization",
            "proxy-connection", "mcp-session-id", "mcp-protocol-version");

    private static boolean usableHeader(String name) {
        return HEADER_NAME.matcher(name).matches() && !RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Never prints the secret fields. */
    @Override
    public String toString() {
        return "McpServerDraft[" + slug.orElse("") + ", " + authType.orElse("") + "]";
    }

    /** A field that failed validation. */
    public record Problem(String field, String message) {
    }

    /** A new config from this draft (defaults for absent fields). */
    public Result<McpServerConfig, Problem> create(UUID id, Instant now) {
        McpServerConfig blank = new McpServerConfig(id, "", "", "", "", Transport.STREAMABLE_HTTP, "", AuthType.NONE, "",
                Optional.empty(), "", "", "", "", Optional.empty(), Map.of(), List.of(), List.of(), Availability.DEFAULT_OFF,
                false, now, now, "", "", false);
        return applyTo(blank, now);
    }

    /** {@code current} with this draft's present fields applied, validated. */
    public Result<McpServerConfig, Problem> applyTo(McpServerConfig current, Instant now) {
        Transport transport;
        AuthType auth;
        Availability availability;
        try {
            transport = this.transport.map(t -> Transport.valueOf(t.trim().toUpperCase(Locale.ROOT))).orElse(current.transport());
        } catch (IllegalArgumentException e) {
            return problem("transport", "must be streamable_http or sse");
        }
        try {
            auth = this.authType.map(t -> AuthType.valueOf(t.trim().toUpperCase(Locale.ROOT))).orElse(current.authType());
        } catch (IllegalArgumentException e) {
            return problem("auth_type", "must be one of none, oauth2, api_key, custom_headers, user_oidc");
        }
        try {
            availability = this.availability.map(a -> Availability.valueOf(a.trim().toUpperCase(Locale.ROOT)))
                    .orElse(current.availability());
        } catch (IllegalArgumentException e) {
            return problem("availability", "must be force_on, default_on or default_off");
        }
        boolean authChanged = auth != current.authType();
        String displayName = this.displayName.map(String::trim).orElse(current.displayName());
        String slug = this.slug.map(String::trim).orElse(current.slug());
        String url = this.url.map(String::trim).orElse(current.url());
        if (displayName.isEmpty() || displayName.length() > 100) {
            return problem("display_name", "is required (at most 100 characters)");
        }
        if (slug.length() > 64 || !SLUG.matcher(slug).matches()) {
            return problem("slug", "must be 1-64 characters of a-z, 0-9 and single dashes");
        }
        if (!isWebUrl(url)) {
            return problem("url", "must be an absolute http(s) URL");
        }
        String icon = this.iconUrl.map(String::trim).orElse(current.iconUrl());
        if (!icon.isEmpty() && !isWebUrl(icon)) {
            return problem("icon_url", "must be an http(s) URL");
        }
        // switching auth type forgets the other types' settings (never carry a secret across types); a new url
        // for an oauth2 server also forgets its client unless new client details come with it: the old
        // registration belongs to the old server's authorization server, so discovery runs again
        boolean urlChanged = !url.equals(current.url());
        boolean newClientSent = oauth2ClientId.isPresent() || oauth2AuthUrl.isPresent() || oauth2TokenUrl.isPresent();
        boolean keepClient = auth == AuthType.OAUTH2 && !authChanged && !(urlChanged && !newClientSent);
        String clientId = pick(oauth2ClientId, keepClient ? current.oauth2ClientId() : "");
        Optional<String> clientSecret = pickSecret(oauth2ClientSecret, keepClient ? current.oauth2ClientSecret() : Optional.empty());
        String authUrl = pick(oauth2AuthUrl, keepClient ? current.oauth2AuthUrl() : "");
        String tokenUrl = pick(oauth2TokenUrl, keepClient ? current.oauth2TokenUrl() : "");
        String scopes = pick(oauth2Scopes, keepClient ? current.oauth2Scopes() : "");
        String header = pick(apiKeyHeader, auth == AuthType.API_KEY && !authChanged ? current.apiKeyHeader() : "");
        Optional<String> keyValue = pickSecret(apiKeyValue,
                auth == AuthType.API_KEY && !authChanged ? current.apiKeyValue() : Optional.empty());
        Map<String, String> headers = customHeaders.map(this::trimmedHeaders)
                .orElse(auth == AuthType.CUSTOM_HEADERS && !authChanged ? current.customHeaders() : Map.of());
        if (auth != AuthType.OAUTH2 && (!clientId.isEmpty() || clientSecret.isPresent() || !authUrl.isEmpty() || !tokenUrl.isEmpty())) {
            return problem("auth_type", "oauth2_* fields are only for auth_type oauth2");
        }
        if (auth != AuthType.API_KEY && (!header.isEmpty() || keyValue.isPresent())) {
            return problem("auth_type", "api_key_* fields are only for auth_type api_key");
        }
        if (auth != AuthType.CUSTOM_HEADERS && !headers.isEmpty()) {
            return problem("auth_type", "custom_headers are only for auth_type custom_headers");
        }
        switch (auth) {
            case OAUTH2 -> {
                boolean any = !clientId.isEmpty() || !authUrl.isEmpty() || !tokenUrl.isEmpty();
                boolean all = !clientId.isEmpty() && !authUrl.isEmpty() && !tokenUrl.isEmpty();
                if (any && !all) {
                    return problem("oauth2_client_id", "oauth2 needs all of oauth2_client_id, oauth2_auth_url and"
                            + " oauth2_token_url, or none of them (automatic discovery)");
                }
                if (all && (!isWebUrl(authUrl) || !isWebUrl(tokenUrl))) {
                    return problem("oauth2_auth_url", "oauth2_auth_url and oauth2_token_url must be http(s) URLs");
                }
            }
            case API_KEY -> {
                if (header.isEmpty() || keyValue.isEmpty()) {
                    return problem("api_key_value", "api_key needs api_key_header and api_key_value");
                }
                if (!usableHeader(header)) {
                    return problem("api_key_header", "is not a usable HTTP header name");
                }
            }
            case CUSTOM_HEADERS -> {
                if (headers.isEmpty()) {
                    return problem("custom_headers", "custom_headers needs at least one header");
                }
                for (String name : headers.keySet()) {
                    if (!usableHeader(name)) {
                        return problem("custom_headers", "'" + name + "' is not a usable HTTP header name");
                    }
                }
            }
            default -> {
            }
        }
        // the revocation endpoint and the issuer belong to the client: kept only while that client is
        boolean sameClient = keepClient && clientId.equals(current.oauth2ClientId()) && tokenUrl.equals(current.oauth2TokenUrl());
        String revocation = pick(oauth2RevocationUrl, sameClient ? current.oauth2RevocationUrl() : "");
        if (!revocation.isEmpty() && (auth != AuthType.OAUTH2 || !isWebUrl(revocation))) {
            return problem("oauth2_revocation_url", "must be an http(s) URL, and only for auth_type oauth2");
        }
        List<String> allow = toolAllowList.map(McpServerDraft::trimmed).orElse(current.toolAllowList());
        List<String> deny = toolDenyList.map(McpServerDraft::trimmed).orElse(current.toolDenyList());
        return Result.ok(new McpServerConfig(current.id(), displayName, slug,
                this.description.map(String::trim).orElse(current.description()), icon, transport, url, auth, clientId,
                clientSecret, authUrl, tokenUrl, scopes, header, keyValue, headers, allow, deny, availability,
                enabled.orElse(current.enabled()), current.createdAt(), now, revocation,
                sameClient ? current.oauth2Issuer() : "", sameClient && current.oauth2IssParameterSupported()));
    }

    private Map<String, String> trimmedHeaders(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k != null && !k.isBlank()) {
                out.put(k.trim(), v == null ? "" : v.trim());
            }
        });
        return out;
    }

    private static List<String> trimmed(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String s : raw) {
            if (s != null && !s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String pick(Optional<String> sent, String fallback) {
        return sent.map(String::trim).orElse(fallback);
    }

    /** A secret that is sent empty clears it; absent keeps it. */
    private static Optional<String> pickSecret(Optional<String> sent, Optional<String> fallback) {
        if (sent.isPresent()) {
            String v = sent.get().trim();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }
        return fallback;
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }

    private static Result<McpServerConfig, Problem> problem(String field, String message) {
        return Result.err(new Problem(field, message));
    }
}

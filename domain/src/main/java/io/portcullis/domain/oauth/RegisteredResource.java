package io.portcullis.domain.oauth;

import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A protected resource Portcullis does not host, registered by an owner (PRODUCT §7): tokens requested for it
 * (RFC 8707) carry it as audience, only its scopes may be granted, and its introspection client may ask about
 * tokens issued for it (RFC 7662).
 */
public record RegisteredResource(UUID id, ResourceUri resource, String displayName, List<String> scopes,
        Map<String, String> scopeDescriptions, AccessTokenFormat tokenFormat, Duration accessTokenLifetime,
        UUID introspectionClientId, Instant createdAt, Instant updatedAt) {
    /** Tokens live at most a day, so a retired signing key is published at most a day after it stopped signing. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(1);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "localhost");

    public RegisteredResource {
        scopes = List.copyOf(scopes);
        scopeDescriptions = Map.copyOf(scopeDescriptions);
    }

    /** The settable fields as received; null means "not given" (defaults on create, unchanged on update). */
    public record Draft(String resource, String displayName, List<String> scopes, Map<String, String> scopeDescriptions,
            String tokenFormat, Long accessTokenLifetimeSeconds) {
    }

    /** The validated settable fields. */
    public record Settings(ResourceUri resource, String displayName, List<String> scopes, Map<String, String> descriptions,
            AccessTokenFormat format, Duration lifetime) {
    }

    /** Validates a complete draft; absent format and lifetime take their defaults (jwt, one hour). */
    public static Result<Settings, OAuthManagementError> validate(Draft d) {
        ResourceUri uri;
        try {
            uri = ResourceUri.parse(d.resource());
        } catch (DomainValidationException e) {
            return invalid("resource", "must be an absolute https URI (http only on loopback)");
        }
        if (uri.value().startsWith("http://") && !LOOPBACK.contains(hostOf(uri))) {
            return invalid("resource", "http is allowed only on loopback (127.0.0.1, [::1], localhost); use https");
        }
        if (d.displayName() == null || d.displayName().isBlank() || d.displayName().length() > 200) {
            return invalid("display_name", "is required, at most 200 characters");
        }
        if (d.scopes() == null || d.scopes().isEmpty() || d.scopes().size() > 100) {
            return invalid("scopes", "must list between 1 and 100 scopes the resource accepts");
        }
        for (String s : d.scopes()) {
            if (s == null || s.equals("all") || !validToken(s)) {
                return invalid("scopes", "'" + s + "' is not a scope token (RFC 6749 §3.3), or is the reserved 'all'");
            }
        }
        Map<String, String> descriptions = new LinkedHashMap<>(d.scopeDescriptions() == null ? Map.of() : d.scopeDescriptions());
        for (Map.Entry<String, String> e : descriptions.entrySet()) {
            if (!d.scopes().contains(e.getKey())) {
                return invalid("scope_descriptions", "describes '" + e.getKey() + "', which is not in scopes");
            }
            if (e.getValue() == null || e.getValue().isBlank() || e.getValue().length() > 300) {
                return invalid("scope_descriptions", "the description of '" + e.getKey() + "' must be 1 to 300 characters");
            }
        }
        AccessTokenFormat format = d.tokenFormat() == null ? AccessTokenFormat.JWT
                : AccessTokenFormat.fromWire(d.tokenFormat()).orElse(null);
        if (format == null) {
            return invalid("access_token_format", "must be jwt or opaque");
        }
        long seconds = d.accessTokenLifetimeSeconds() == null ? 3600 : d.accessTokenLifetimeSeconds();
        if (seconds < 60 || seconds > MAX_LIFETIME.toSeconds()) {
            return invalid("access_token_lifetime_seconds", "must be between 60 and " + MAX_LIFETIME.toSeconds());
        }
        return Result.ok(new Settings(uri, d.displayName().trim(), List.copyOf(new java.util.LinkedHashSet<>(d.scopes())),
                descriptions, format, Duration.ofSeconds(seconds)));
    }

    /** The draft that keeps this resource's values wherever {@code change} says nothing (PATCH semantics). */
    public Draft merge(Draft change) {
        return new Draft(change.resource() != null ? change.resource() : resource.value(),
                change.displayName() != null ? change.displayName() : displayName,
                change.scopes() != null ? change.scopes() : scopes,
                change.scopeDescriptions() != null ? change.scopeDescriptions()
                        : change.scopes() != null ? retained(change.scopes()) : scopeDescriptions,
                change.tokenFormat() != null ? change.tokenFormat() : tokenFormat.wire(),
                change.accessTokenLifetimeSeconds() != null ? change.accessTokenLifetimeSeconds()
                        : accessTokenLifetime.toSeconds());
    }

    private Map<String, String> retained(List<String> nextScopes) {
        Map<String, String> kept = new LinkedHashMap<>(scopeDescriptions);
        kept.keySet().retainAll(nextScopes);
        return kept;
    }

    public RegisteredResource with(Settings s, Instant now) {
        return new RegisteredResource(id, s.resource(), s.displayName(), s.scopes(), s.descriptions(), s.format(),
                s.lifetime(), introspectionClientId, createdAt, now);
    }

    /**
     * The scope a token for this resource carries: the requested scopes, all of which this resource must accept
     * (absent: every scope it accepts), narrowed by the client's allow list when it has one.
     */
    public Result<ScopeSet, OAuthError> grantableScope(String requested, java.util.Optional<ScopeSet> clientAllowList) {
        List<String> asked;
        if (requested == null || requested.isBlank()) {
            asked = scopes.stream().filter(s -> clientAllowList.map(a -> a.permits(new Scope(s))).orElse(true)).toList();
            if (asked.isEmpty()) {
                return Result.err(new OAuthError.InvalidScope("this application may be granted none of the scopes of "
                        + resource));
            }
        } else {
            asked = List.of(requested.trim().split(" +"));
            for (String s : asked) {
                if (!scopes.contains(s)) {
                    return Result.err(new OAuthError.InvalidScope("scope " + s + " is not accepted by " + resource
                            + "; it accepts: " + String.join(" ", scopes)));
                }
                if (clientAllowList.isPresent() && !clientAllowList.get().permits(new Scope(s))) {
                    return Result.err(new OAuthError.InvalidScope("scope " + s + " exceeds what this application may be granted"));
                }
            }
        }
        return Result.ok(ScopeSet.of(asked));
    }

    /** The consent page's words for a scope: its description, or the scope itself. */
    public String describe(String scope) {
        return scopeDescriptions.getOrDefault(scope, scope);
    }

    private static boolean validToken(String s) {
        try {
            new Scope(s);
            return true;
        } catch (DomainValidationException e) {
            return false;
        }
    }

    private static String hostOf(ResourceUri uri) {
        String rest = uri.value().substring(uri.value().indexOf("://") + 3);
        int end = rest.startsWith("[") ? rest.indexOf(']') + 1 : rest.replaceAll("[:/?].*$", "").length();
        return rest.substring(0, end);
    }

    private static Result<Settings, OAuthManagementError> invalid(String field, String message) {
        return Result.err(new OAuthManagementError.Invalid(field, field + " " + message));
    }
}

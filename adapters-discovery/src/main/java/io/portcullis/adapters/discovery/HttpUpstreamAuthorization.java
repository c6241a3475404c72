package io.portcullis.adapters.discovery;

import io.micronaut.json.JsonMapper;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.domain.registry.BearerChallenge;
import io.portcullis.domain.registry.RegistryError.UpstreamFailure;
import io.portcullis.domain.registry.RegistryError.UpstreamInvalidGrant;
import io.portcullis.domain.registry.RegistryError.UpstreamRejected;
import io.portcullis.domain.registry.RegistryError.UpstreamUnreachable;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Portcullis as an OAuth client of upstream MCP servers, in the order MCP 2026-07-28 prescribes: RFC 9728 discovery
 * (the 401's resource_metadata, then path-insert, then root), RFC 8414 / OIDC discovery
 * (issuer with a path: RFC 8414 path-insert, OIDC path-insert, OIDC path-append; without: RFC 8414, then OIDC), the
 * document's issuer equal to the expected one character for character, RFC 7591 registration as a web application,
 * and the token endpoint. Every request goes through the {@link GuardedHttpClient}: guarded and pinned address, no
 * redirects, 10 s (revocation 5 s), 1 MiB; upstream error text is cut to 512 characters.
 */
public final class HttpUpstreamAuthorization implements UpstreamAuthorizationPort {
    static final int MAX_BYTES = 1024 * 1024;
    private static final GuardedHttpClient.Limits LIMITS = new GuardedHttpClient.Limits(Duration.ofSeconds(10),
            Duration.ofSeconds(10), MAX_BYTES);
    private static final GuardedHttpClient.Limits REVOCATION_LIMITS = new GuardedHttpClient.Limits(Duration.ofSeconds(5),
            Duration.ofSeconds(5), MAX_BYTES);
    private final GuardedHttpClient http;
    private final JsonMapper json;

    public HttpUpstreamAuthorization(GuardedHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    private Result<GuardedHttpClient.Response, UpstreamFailure> send(String method, String url, Map<String, String> headers,
            byte[] body) {
        return send(method, url, headers, body, LIMITS);
    }

    private Result<GuardedHttpClient.Response, UpstreamFailure> send(String method, String url, Map<String, String> headers,
            byte[] body, GuardedHttpClient.Limits limits) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Result.err(new UpstreamUnreachable(url, "the URL " + url + " is malformed"));
        }
        Result<GuardedHttpClient.Response, GuardedHttpClient.Failure> sent =
                http.send(new GuardedHttpClient.Request(method, uri, headers, body), limits);
        if (sent.isOk()) {
            return Result.ok(sent.value());
        }
        GuardedHttpClient.Failure f = sent.error();
        String reason;
        if (f instanceof GuardedHttpClient.Refused) {
            reason = uri.getHost() + ": " + f.reason();
        } else if (f instanceof GuardedHttpClient.Unreachable) {
            reason = uri + " could not be reached (" + f.reason() + ")";
        } else if (f instanceof GuardedHttpClient.TooLarge) {
            reason = uri + " answered with more than 1 MiB";
        } else {
            reason = f.reason();
        }
        return Result.err(new UpstreamUnreachable(url, reason));
    }

    private Result<Map<?, ?>, UpstreamFailure> getJson(String url) {
        return send("GET", url, Map.of("Accept", "application/json"), null).flatMap(f -> {
            if (f.status() != 200) {
                return Result.err(new UpstreamRejected("metadata", "GET " + url + " answered HTTP " + f.status()));
            }
            return parse(f.body(), url);
        });
    }

    private Result<Map<?, ?>, UpstreamFailure> parse(byte[] body, String url) {
        try {
            Map<?, ?> map = json.readValue(body, Map.class);
            return map == null ? Result.err(new UpstreamRejected("json", url + " did not answer a JSON object"))
                    : Result.ok(map);
        } catch (IOException | RuntimeException e) {
            return Result.err(new UpstreamRejected("json", url + " did not answer valid JSON"));
        }
    }

    /** The protected resource metadata, the issuer it names first, and the scope of the 401 challenge if any. */
    private record Resource(Map<?, ?> metadata, String issuer, Optional<String> challengeScope) {
        Optional<String> scopesSupported() {
            return metadata.get("scopes_supported") instanceof List<?> s
                    ? Optional.of(String.join(" ", s.stream().map(String::valueOf).toList())) : Optional.empty();
        }
    }

    private Result<Resource, UpstreamFailure> resource(String serverUrl) {
        ResourceUri server;
        try {
            server = ResourceUri.parse(serverUrl);
        } catch (DomainValidationException e) {
            return Result.err(new UpstreamRejected("discovery", "the server URL is not an http(s) URL"));
        }
        Optional<String> challengeScope = Optional.empty();
        Optional<String> hint = Optional.empty();
        // an unauthenticated GET: a protected MCP server answers 401 with its metadata URL (RFC 9728 §5.1) and scope
        Result<GuardedHttpClient.Response, UpstreamFailure> probe = send("GET", serverUrl,
                Map.of("Accept", "application/json, text/event-stream"), null);
        if (probe.isOk() && probe.value().status() == 401) {
            for (String challenge : probe.value().headers("www-authenticate")) {
                hint = hint.or(() -> BearerChallenge.param(challenge, "resource_metadata").filter(v -> !v.isBlank()));
                challengeScope = challengeScope.or(() -> BearerChallenge.param(challenge, "scope").filter(v -> !v.isBlank()));
            }
        }
        Result<Map<?, ?>, UpstreamFailure> prm = protectedResourceMetadata(serverUrl, server, hint);
        if (!prm.isOk()) {
            return Result.err(prm.error());
        }
        Object servers = prm.value().get("authorization_servers");
        if (!(servers instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof String issuer)) {
            return Result.err(new UpstreamRejected("discovery", "the protected resource metadata names no authorization server"));
        }
        return Result.ok(new Resource(prm.value(), issuer, challengeScope));
    }

    @Override
    public Result<ResourceDiscovery, UpstreamFailure> discoverResource(String serverUrl) {
        return resource(serverUrl).map(r -> new ResourceDiscovery(r.issuer(), r.challengeScope(), r.scopesSupported()));
    }

    @Override
    public Result<Discovery, UpstreamFailure> discover(String serverUrl) {
        return resource(serverUrl).flatMap(r -> usableAuthorizationServer(r.issuer()).map(meta -> new Discovery(
                String.valueOf(r.metadata().get("resource")), r.issuer(), text(meta, "authorization_endpoint"),
                text(meta, "token_endpoint"), Optional.ofNullable(text(meta, "registration_endpoint")).orElse(""),
                r.challengeScope().or(r::scopesSupported).orElse(""))));
    }

    /** The issuer's metadata, with the endpoints a connection needs and PKCE S256. */
    private Result<Map<?, ?>, UpstreamFailure> usableAuthorizationServer(String issuer) {
        return authorizationServerMetadata(issuer).flatMap(meta -> {
            if (text(meta, "authorization_endpoint") == null || text(meta, "token_endpoint") == null) {
                return Result.err(new UpstreamRejected("discovery",
                        "the authorization server metadata lacks authorization_endpoint or token_endpoint"));
            }
            Object methods = meta.get("code_challenge_methods_supported");
            if (!(methods instanceof List<?> m) || !m.contains("S256")) {
                return Result.err(new UpstreamRejected("discovery", "the authorization server does not support PKCE S256"));
            }
            return Result.ok(meta);
        });
    }

    @Override
    public Result<DiscoveredClient, UpstreamFailure> discoverAndRegister(String serverUrl, String callbackUrl) {
        Result<Resource, UpstreamFailure> found = resource(serverUrl);
        if (!found.isOk()) {
            return Result.err(found.error());
        }
        String issuer = found.value().issuer();
        String resource = String.valueOf(found.value().metadata().get("resource"));
        Result<Map<?, ?>, UpstreamFailure> as = usableAuthorizationServer(issuer);
        if (!as.isOk()) {
            return Result.err(as.error());
        }
        Map<?, ?> meta = as.value();
        String authorize = text(meta, "authorization_endpoint");
        String token = text(meta, "token_endpoint");
        String registration = text(meta, "registration_endpoint");
        if (registration == null) {
            return Result.err(new UpstreamRejected("registration",
                    "the authorization server offers no registration_endpoint (dynamic client registration)"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", "Portcullis");
        // MCP 2026-07-28: say which kind of client this is; Portcullis is a web application on a server
        body.put("application_type", "web");
        body.put("redirect_uris", List.of(callbackUrl));
        body.put("grant_types", List.of("authorization_code", "refresh_token"));
        body.put("response_types", List.of("code"));
        body.put("token_endpoint_auth_method", "none");
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body);
        } catch (IOException e) {
            return Result.err(new UpstreamRejected("registration", "could not encode the registration request"));
        }
        Result<GuardedHttpClient.Response, UpstreamFailure> registered = send("POST", registration,
                Map.of("Content-Type", "application/json", "Accept", "application/json"), payload);
        if (!registered.isOk()) {
            return Result.err(registered.error());
        }
        if (registered.value().status() != 200 && registered.value().status() != 201) {
            return Result.err(new UpstreamRejected("registration",
                    "registration answered HTTP " + registered.value().status() + ": " + cut(registered.value().body())));
        }
        Result<Map<?, ?>, UpstreamFailure> client = parse(registered.value().body(), registration);
        if (!client.isOk()) {
            return Result.err(client.error());
        }
        String clientId = text(client.value(), "client_id");
        if (clientId == null || clientId.isBlank()) {
            return Result.err(new UpstreamRejected("registration", "the registration response has no client_id"));
        }
        String scope = found.value().scopesSupported().orElse("");
        String revocation = Optional.ofNullable(text(meta, "revocation_endpoint")).orElse("");
        return Result.ok(new DiscoveredClient(authorize, token, clientId,
                Optional.ofNullable(text(client.value(), "client_secret")), scope, resource, revocation, issuer,
                Boolean.TRUE.equals(meta.get("authorization_response_iss_parameter_supported"))));
    }

    /**
     * The RFC 9728 §5.1 URL from the 401 first, then the §3.1 well-known names, path-insert then root (the first
     * document found wins; the later ones are asked only when an earlier one is missing or unusable). Its
     * {@code resource} must cover the server.
     */
    private Result<Map<?, ?>, UpstreamFailure> protectedResourceMetadata(String serverUrl, ResourceUri server,
            Optional<String> hint) {
        List<String> candidates = new ArrayList<>();
        hint.ifPresent(candidates::add);
        URI uri = URI.create(serverUrl);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (!path.isEmpty()) {
            candidates.add(origin + "/.well-known/oauth-protected-resource" + path);
        }
        candidates.add(origin + "/.well-known/oauth-protected-resource");
        UpstreamFailure last = new UpstreamRejected("discovery", "no protected resource metadata found");
        for (String candidate : candidates.stream().distinct().toList()) {
            Result<Map<?, ?>, UpstreamFailure> doc = getJson(candidate);
            if (!doc.isOk()) {
                last = doc.error();
                continue;
            }
            try {
                ResourceUri resource = ResourceUri.parse(String.valueOf(doc.value().get("resource")));
                if (!resource.covers(server)) {
                    last = new UpstreamRejected("discovery",
                            "the protected resource metadata at " + candidate + " describes " + resource + ", not " + server);
                    continue;
                }
            } catch (DomainValidationException e) {
                last = new UpstreamRejected("discovery", "the protected resource metadata at " + candidate + " has no valid resource");
                continue;
            }
            return doc;
        }
        return Result.err(last);
    }

    /**
     * MCP 2026-07-28's order: for an issuer with a path, RFC 8414 path-insert, OIDC path-insert, OIDC path-append
     * (never the root); without one, RFC 8414 then OIDC. The document's issuer must equal {@code issuer} exactly
     * (RFC 8414 §3.3: no case folding, no trailing-slash or port normalisation).
     */
    private Result<Map<?, ?>, UpstreamFailure> authorizationServerMetadata(String issuer) {
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            return Result.err(new UpstreamRejected("discovery", "the authorization server URL is invalid"));
        }
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        List<String> candidates = new ArrayList<>();
        if (!path.isEmpty()) {
            candidates.add(origin + "/.well-known/oauth-authorization-server" + path);
            candidates.add(origin + "/.well-known/openid-configuration" + path);
            candidates.add(origin + path + "/.well-known/openid-configuration");
        } else {
            candidates.add(origin + "/.well-known/oauth-authorization-server");
            candidates.add(origin + "/.well-known/openid-configuration");
        }
        Optional<UpstreamFailure> mismatch = Optional.empty();
        UpstreamFailure last = new UpstreamRejected("discovery", "no authorization server metadata found");
        for (String candidate : candidates) {
            Result<Map<?, ?>, UpstreamFailure> doc = getJson(candidate);
            if (!doc.isOk()) {
                last = doc.error();
                continue;
            }
            String stated = text(doc.value(), "issuer");
            if (!issuer.equals(stated)) {
                mismatch = Optional.of(new UpstreamRejected("discovery", "the metadata at " + candidate + " names issuer "
                        + stated + ", not " + issuer));
                continue;
            }
            return doc;
        }
        return Result.err(mismatch.orElse(last)); // a document for another issuer says more than a later 404
    }

    @Override
    public Result<Tokens, UpstreamFailure> exchangeCode(Endpoint endpoint, String code, String codeVerifier, String redirectUri,
            String resource) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("code_verifier", codeVerifier);
        form.put("redirect_uri", redirectUri);
        form.put("resource", resource);
        return token(endpoint, form);
    }

    @Override
    public Result<Tokens, UpstreamFailure> refresh(Endpoint endpoint, String refreshToken, String resource) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("resource", resource);
        return token(endpoint, form);
    }

    @Override
    public Result<Void, UpstreamFailure> revoke(String revocationUrl, Endpoint endpoint, String token, String tokenTypeHint) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("token_type_hint", tokenTypeHint);
        return post(revocationUrl, endpoint, form, REVOCATION_LIMITS).flatMap(f -> f.status() == 200 ? Result.ok(null)
                : Result.err(new UpstreamRejected("revocation", "the revocation endpoint answered HTTP " + f.status() + ": "
                        + cut(f.body()))));
    }

    private Result<GuardedHttpClient.Response, UpstreamFailure> post(String url, Endpoint endpoint, Map<String, String> form,
            GuardedHttpClient.Limits limits) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        if (endpoint.clientSecret().isPresent()) {
            String pair = enc(endpoint.clientId()) + ":" + enc(endpoint.clientSecret().get());
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", endpoint.clientId());
        }
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send("POST", url, headers, body.toString().getBytes(StandardCharsets.UTF_8), limits);
    }

    private Result<Tokens, UpstreamFailure> token(Endpoint endpoint, Map<String, String> form) {
        Result<GuardedHttpClient.Response, UpstreamFailure> response = post(endpoint.tokenUrl(), endpoint, form, LIMITS);
        if (!response.isOk()) {
            return Result.err(response.error());
        }
        Result<Map<?, ?>, UpstreamFailure> error = parse(response.value().body(), endpoint.tokenUrl());
        if (response.value().status() == 400 && error.isOk() && "invalid_grant".equals(error.value().get("error"))) {
            return Result.err(new UpstreamInvalidGrant("the token endpoint answered invalid_grant: " + cut(response.value().body())));
        }
        if (response.value().status() != 200) {
            return Result.err(new UpstreamRejected("token",
                    "the token endpoint answered HTTP " + response.value().status() + ": " + cut(response.value().body())));
        }
        return parse(response.value().body(), endpoint.tokenUrl()).flatMap(t -> {
            String access = text(t, "access_token");
            if (access == null || access.isBlank()) {
                return Result.err(new UpstreamRejected("token", "the token response has no access_token"));
            }
            Object expires = t.get("expires_in");
            Optional<Long> expiresIn = expires instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
            String type = Optional.ofNullable(text(t, "token_type")).orElse("Bearer");
            return Result.ok(new Tokens(access, Optional.ofNullable(text(t, "refresh_token")), type, expiresIn));
        });
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v instanceof String s ? s : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String cut(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 512 ? s.substring(0, 512) + "…" : s;
    }
}

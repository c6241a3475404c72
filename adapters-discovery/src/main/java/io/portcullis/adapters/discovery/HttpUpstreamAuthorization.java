package io.portcullis.adapters.discovery;

import io.micronaut.json.JsonMapper;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.domain.registry.RegistryError.UpstreamFailure;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Portcullis as an OAuth client of upstream MCP servers: RFC 9728 discovery (the 401's resource_metadata hint,
 * then path-aware, then root), RFC 8414 / OIDC discovery (path-aware, root, openid-configuration), RFC 7591
 * registration, and the token endpoint. Every request goes through the {@link GuardedHttpClient}: guarded and
 * pinned address, no redirects, 10 s, 1 MiB; upstream error text is cut to 512 characters.
 */
public final class HttpUpstreamAuthorization implements UpstreamAuthorizationPort {
    static final int MAX_BYTES = 1024 * 1024;
    private static final GuardedHttpClient.Limits LIMITS = new GuardedHttpClient.Limits(Duration.ofSeconds(10),
            Duration.ofSeconds(10), MAX_BYTES);
    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");
    private final GuardedHttpClient http;
    private final JsonMapper json;

    public HttpUpstreamAuthorization(GuardedHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    private Result<GuardedHttpClient.Response, UpstreamFailure> send(String method, String url, Map<String, String> headers,
            byte[] body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Result.err(new UpstreamUnreachable(url, "the URL " + url + " is malformed"));
        }
        Result<GuardedHttpClient.Response, GuardedHttpClient.Failure> sent =
                http.send(new GuardedHttpClient.Request(method, uri, headers, body), LIMITS);
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

    @Override
    public Result<Discovery, UpstreamFailure> discover(String serverUrl) {
        return found(serverUrl).map(f -> new Discovery(f.resource(), f.issuer(), text(f.as(), "authorization_endpoint"),
                text(f.as(), "token_endpoint"), Optional.ofNullable(text(f.as(), "registration_endpoint")).orElse(""),
                scopes(f.prm())));
    }

    /** The two metadata documents of a discovery, checked as far as both discovery and registration need. */
    private record Found(Map<?, ?> prm, Map<?, ?> as, String issuer, String resource) {
    }

    private Result<Found, UpstreamFailure> found(String serverUrl) {
        ResourceUri server;
        try {
            server = ResourceUri.parse(serverUrl);
        } catch (DomainValidationException e) {
            return Result.err(new UpstreamRejected("discovery", "the server URL is not an http(s) URL"));
        }
        Result<Map<?, ?>, UpstreamFailure> prm = protectedResourceMetadata(serverUrl, server);
        if (!prm.isOk()) {
            return Result.err(prm.error());
        }
        Object servers = prm.value().get("authorization_servers");
        if (!(servers instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof String issuer)) {
            return Result.err(new UpstreamRejected("discovery", "the protected resource metadata names no authorization server"));
        }
        String resource = String.valueOf(prm.value().get("resource"));
        Result<Map<?, ?>, UpstreamFailure> as = authorizationServerMetadata(issuer);
        if (!as.isOk()) {
            return Result.err(as.error());
        }
        Map<?, ?> meta = as.value();
        if (text(meta, "authorization_endpoint") == null || text(meta, "token_endpoint") == null) {
            return Result.err(new UpstreamRejected("discovery",
                    "the authorization server metadata lacks authorization_endpoint or token_endpoint"));
        }
        Object methods = meta.get("code_challenge_methods_supported");
        if (!(methods instanceof List<?> m) || !m.contains("S256")) {
            return Result.err(new UpstreamRejected("discovery", "the authorization server does not support PKCE S256"));
        }
        return Result.ok(new Found(prm.value(), meta, issuer, resource));
    }

    private static String scopes(Map<?, ?> prm) {
        Object scopes = prm.get("scopes_supported");
        return scopes instanceof List<?> s ? String.join(" ", s.stream().map(String::valueOf).toList()) : "";
    }

    @Override
    public Result<DiscoveredClient, UpstreamFailure> discoverAndRegister(String serverUrl, String callbackUrl) {
        Result<Found, UpstreamFailure> found = found(serverUrl);
        if (!found.isOk()) {
            return Result.err(found.error());
        }
        Map<?, ?> meta = found.value().as();
        String resource = found.value().resource();
        String authorize = text(meta, "authorization_endpoint");
        String token = text(meta, "token_endpoint");
        String registration = text(meta, "registration_endpoint");
        if (registration == null) {
            return Result.err(new UpstreamRejected("registration",
                    "the authorization server offers no registration_endpoint (dynamic client registration)"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", "Portcullis");
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
        String scope = scopes(found.value().prm());
        String revocation = Optional.ofNullable(text(meta, "revocation_endpoint")).orElse("");
        return Result.ok(new DiscoveredClient(authorize, token, clientId,
                Optional.ofNullable(text(client.value(), "client_secret")), scope, resource, revocation));
    }

    /** RFC 9728 §5.1 hint first, then §3.1 path-aware and root well-known names; resource must cover the server. */
    private Result<Map<?, ?>, UpstreamFailure> protectedResourceMetadata(String serverUrl, ResourceUri server) {
        List<String> candidates = new ArrayList<>();
        // an unauthenticated GET: a protected MCP server answers 401 with its metadata URL (RFC 9728 §5.1)
        Result<GuardedHttpClient.Response, UpstreamFailure> probe = send("GET", serverUrl,
                Map.of("Accept", "application/json, text/event-stream"), null);
        if (probe.isOk()) {
            for (String challenge : probe.value().headers("www-authenticate")) {
                Matcher m = RESOURCE_METADATA.matcher(challenge);
                if (m.find()) {
                    candidates.add(m.group(1));
                }
            }
        }
        URI uri = URI.create(serverUrl);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
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

    /** RFC 8414 §3.1 path-aware and root names, then OpenID Connect discovery; the issuer must match. */
    private Result<Map<?, ?>, UpstreamFailure> authorizationServerMetadata(String issuer) {
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            return Result.err(new UpstreamRejected("discovery", "the authorization server URL is invalid"));
        }
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        List<String> candidates = new ArrayList<>();
        if (!path.isEmpty() && !path.equals("/")) {
            candidates.add(origin + "/.well-known/oauth-authorization-server" + path);
        }
        candidates.add(origin + "/.well-known/oauth-authorization-server");
        candidates.add(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        UpstreamFailure last = new UpstreamRejected("discovery", "no authorization server metadata found");
        for (String candidate : candidates) {
            Result<Map<?, ?>, UpstreamFailure> doc = getJson(candidate);
            if (!doc.isOk()) {
                last = doc.error();
                continue;
            }
            String stated = text(doc.value(), "issuer");
            try {
                if (stated == null || !ResourceUri.parse(stated).equals(ResourceUri.parse(issuer))) {
                    last = new UpstreamRejected("discovery", "the metadata at " + candidate + " names issuer " + stated + ", not " + issuer);
                    continue;
                }
            } catch (DomainValidationException e) {
                last = new UpstreamRejected("discovery", "the metadata at " + candidate + " has an invalid issuer");
                continue;
            }
            return doc;
        }
        return Result.err(last);
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
        return post(revocationUrl, endpoint, form).flatMap(f -> f.status() == 200 ? Result.ok(null)
                : Result.err(new UpstreamRejected("revocation", "the revocation endpoint answered HTTP " + f.status() + ": "
                        + cut(f.body()))));
    }

    private Result<GuardedHttpClient.Response, UpstreamFailure> post(String url, Endpoint endpoint, Map<String, String> form) {
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
        return send("POST", url, headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Result<Tokens, UpstreamFailure> token(Endpoint endpoint, Map<String, String> form) {
        Result<GuardedHttpClient.Response, UpstreamFailure> response = post(endpoint.tokenUrl(), endpoint, form);
        if (!response.isOk()) {
            return Result.err(response.error());
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

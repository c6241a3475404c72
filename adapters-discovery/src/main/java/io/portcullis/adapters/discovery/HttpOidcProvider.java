package io.portcullis.adapters.discovery;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.json.JsonMapper;
import io.portcullis.application.identity.port.out.OidcProviderPort;
import io.portcullis.domain.identity.OidcIdentity;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSignInError.ProviderFailed;
import io.portcullis.domain.shared.Result;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Portcullis as an OpenID relying party, every call through the {@link GuardedHttpClient} (SSRF guard, pinned address,
 * no redirects, 10 s, 1 MiB). Discovery reads {@code <issuer>/.well-known/openid-configuration} and requires its
 * {@code issuer} to equal the configured one exactly; the document is cached for an hour. Claims come from the checked
 * ID token, or — when it carries no e-mail — from the userinfo endpoint, whose {@code sub} must be the same
 * (OIDC Core §5.3.2, §5.4).
 */
public final class HttpOidcProvider implements OidcProviderPort {
    private static final Duration METADATA_TTL = Duration.ofHours(1);
    private static final GuardedHttpClient.Limits LIMITS = new GuardedHttpClient.Limits(Duration.ofSeconds(10),
            Duration.ofSeconds(10), HttpUpstreamAuthorization.MAX_BYTES);
    private final GuardedHttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, OidcProviderMetadata> metadata = new ConcurrentHashMap<>();
    private final IdTokenVerifier idTokens = new IdTokenVerifier();

    public HttpOidcProvider(GuardedHttpClient http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Result<String, ProviderFailed> authorizationUrl(OidcProvider provider, String redirectUri, String state,
            String nonce, String codeChallenge) {
        return discover(provider).map(m -> {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("response_type", "code");
            q.put("client_id", provider.clientId());
            q.put("redirect_uri", redirectUri);
            q.put("scope", String.join(" ", provider.scopes()));
            q.put("state", state);
            q.put("nonce", nonce);
            q.put("code_challenge", codeChallenge);
            q.put("code_challenge_method", "S256");
            if (provider.scopes().contains("offline_access")) {
                q.put("prompt", "consent"); // OIDC Core §11: offline_access is honoured only with prompt=consent
            }
            return m.authorizationEndpoint() + (m.authorizationEndpoint().contains("?") ? "&" : "?") + form(q);
        });
    }

    @Override
    public Result<SignIn, ProviderFailed> exchange(OidcProvider provider, String code, String codeVerifier,
            String redirectUri, String nonce) {
        Result<OidcProviderMetadata, ProviderFailed> discovered = discover(provider);
        if (!discovered.isOk()) {
            return Result.err(discovered.error());
        }
        OidcProviderMetadata m = discovered.value();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", redirectUri);
        f.put("code_verifier", codeVerifier);
        Result<Map<?, ?>, CallFailed> answer = tokenCall(provider, m, f).flatMap(r -> r.status() == 200 ? object(r.body())
                : Result.err(new CallFailed("the token endpoint answered HTTP " + r.status() + ": " + HttpUpstreamAuthorization.cut(r.body()))));
        if (!answer.isOk()) {
            return Result.err(failed(provider, answer.error().reason()));
        }
        String idToken = OidcProviderMetadata.text(answer.value(), "id_token");
        Optional<Tokens> tokens = tokens(answer.value());
        if (idToken == null || tokens.isEmpty()) {
            return Result.err(failed(provider, "the token response has no id_token or access_token"));
        }
        IdTokenVerifier.Result checked = idTokens.verify(idToken, m, provider.clientId(), nonce, this::jwks);
        if (checked.claims() == null) {
            return Result.err(failed(provider, checked.reason()));
        }
        return identity(provider, m, checked.claims(), tokens.get().accessToken()).map(who -> new SignIn(who, tokens.get()));
    }

    @Override
    public Result<Tokens, RefreshFailure> refresh(OidcProvider provider, String refreshToken) {
        Result<OidcProviderMetadata, ProviderFailed> discovered = discover(provider);
        if (!discovered.isOk()) {
            return Result.err(new RefreshFailure.Unreachable(discovered.error().reason()));
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken);
        Result<GuardedHttpClient.Response, CallFailed> sent = tokenCall(provider, discovered.value(), f);
        if (!sent.isOk() || sent.value().status() >= 500) {
            return Result.err(new RefreshFailure.Unreachable(sent.isOk() ? "HTTP " + sent.value().status() : sent.error().reason()));
        }
        if (sent.value().status() != 200) {
            return Result.err(new RefreshFailure.Refused("HTTP " + sent.value().status() + ": "
                    + HttpUpstreamAuthorization.cut(sent.value().body())));
        }
        Result<Map<?, ?>, CallFailed> body = object(sent.value().body());
        Optional<Tokens> tokens = body.isOk() ? tokens(body.value()) : Optional.empty();
        return tokens.<Result<Tokens, RefreshFailure>>map(Result::ok)
                .orElseGet(() -> Result.err(new RefreshFailure.Refused("the refresh answer has no access_token")));
    }

    private Result<OidcIdentity, ProviderFailed> identity(OidcProvider provider, OidcProviderMetadata m, JWTClaimsSet claims,
            String accessToken) {
        Map<String, Object> c = claims.getClaims();
        if (c.get("email") == null && m.userinfoEndpoint().isPresent()) {
            Result<Map<?, ?>, CallFailed> info = send("GET", m.userinfoEndpoint().get(),
                    Map.of("Accept", "application/json", "Authorization", "Bearer " + accessToken), null)
                    .flatMap(r -> r.status() == 200 ? object(r.body()) : Result.err(new CallFailed("the userinfo endpoint answered HTTP " + r.status())));
            if (!info.isOk()) {
                return Result.err(failed(provider, info.error().reason()));
            }
            if (!claims.getSubject().equals(info.value().get("sub"))) {
                return Result.err(failed(provider, "the userinfo answer is about another subject"));
            }
            c = new LinkedHashMap<>(c);
            for (String key : new String[] {"email", "email_verified", "preferred_username"}) {
                c.putIfAbsent(key, info.value().get(key));
            }
        }
        Object verified = c.get("email_verified");
        return Result.ok(new OidcIdentity(m.issuer(), claims.getSubject(),
                Optional.ofNullable(c.get("email")).filter(String.class::isInstance).map(e -> ((String) e).toLowerCase(Locale.ROOT)),
                Boolean.TRUE.equals(verified) || "true".equals(verified),
                Optional.ofNullable(c.get("preferred_username")).filter(String.class::isInstance).map(String.class::cast)));
    }

    private Result<OidcProviderMetadata, ProviderFailed> discover(OidcProvider provider) {
        OidcProviderMetadata cached = metadata.get(provider.issuer());
        if (cached != null && cached.fetchedAt().plus(METADATA_TTL).isAfter(clock.instant())) {
            return Result.ok(cached);
        }
        String url = provider.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        Result<Map<?, ?>, CallFailed> doc = send("GET", url, Map.of("Accept", "application/json"), null)
                .flatMap(r -> r.status() == 200 ? object(r.body()) : Result.err(new CallFailed("GET " + url + " answered HTTP " + r.status())));
        if (!doc.isOk()) {
            return Result.err(failed(provider, doc.error().reason()));
        }
        Optional<OidcProviderMetadata> m = OidcProviderMetadata.from(doc.value(), clock.instant());
        if (m.isEmpty()) {
            return Result.err(failed(provider, url + " lacks issuer, authorization_endpoint, token_endpoint or jwks_uri"));
        }
        if (!m.get().issuer().equals(provider.issuer())) {
            return Result.err(failed(provider, "the discovery document names issuer " + m.get().issuer() + ", not "
                    + provider.issuer()));
        }
        metadata.put(provider.issuer(), m.get());
        return Result.ok(m.get());
    }

    private Optional<JWKSet> jwks(String url) {
        Result<GuardedHttpClient.Response, CallFailed> r = send("GET", url, Map.of("Accept", "application/json"), null);
        try {
            return r.isOk() && r.value().status() == 200
                    ? Optional.of(JWKSet.parse(new String(r.value().body(), StandardCharsets.UTF_8))) : Optional.empty();
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private Result<GuardedHttpClient.Response, CallFailed> tokenCall(OidcProvider p, OidcProviderMetadata m, Map<String, String> f) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        if (p.clientSecret().isPresent() && !m.secretInForm()) {
            String pair = enc(p.clientId()) + ":" + enc(p.clientSecret().get());
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            f.put("client_id", p.clientId());
            p.clientSecret().ifPresent(s -> f.put("client_secret", s));
        }
        return send("POST", m.tokenEndpoint(), headers, form(f).getBytes(StandardCharsets.UTF_8));
    }

    private Result<GuardedHttpClient.Response, CallFailed> send(String method, String url, Map<String, String> headers, byte[] body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Result.err(new CallFailed("the URL " + url + " is malformed"));
        }
        Result<GuardedHttpClient.Response, GuardedHttpClient.Failure> sent = http.send(
                new GuardedHttpClient.Request(method, uri, headers, body), LIMITS);
        return sent.isOk() ? Result.ok(sent.value()) : Result.err(new CallFailed(uri.getHost() + ": " + sent.error().reason()));
    }

    private Result<Map<?, ?>, CallFailed> object(byte[] body) {
        try {
            Map<?, ?> map = json.readValue(body, Map.class);
            return map == null ? Result.err(new CallFailed("the answer is not a JSON object")) : Result.ok(map);
        } catch (IOException | RuntimeException e) {
            return Result.err(new CallFailed("the answer is not valid JSON"));
        }
    }

    private static Optional<Tokens> tokens(Map<?, ?> t) {
        String access = OidcProviderMetadata.text(t, "access_token");
        Object expires = t.get("expires_in");
        return access == null ? Optional.empty() : Optional.of(new Tokens(access,
                Optional.ofNullable(OidcProviderMetadata.text(t, "refresh_token")),
                expires instanceof Number n ? Optional.of(n.longValue()) : Optional.empty()));
    }

    /** Why a call to the provider gave no usable answer, in words fit for the sign-in error page and the log. */
    private record CallFailed(String reason) {
    }

    private static ProviderFailed failed(OidcProvider provider, String reason) {
        return new ProviderFailed(provider.displayName(), reason);
    }

    private static String form(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

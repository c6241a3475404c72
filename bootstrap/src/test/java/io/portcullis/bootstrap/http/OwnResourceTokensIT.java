package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import io.portcullis.domain.oauth.AccessTokenFormat;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.ResourceUri;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Portcullis's own resources and their opaque tokens (PRODUCT §7): client_credentials for the API (a client acting for
 * itself, admitted only where no user is needed), introspection of Portcullis's own access tokens by the client they
 * were issued to, and registered resources that name the API or a gateway path still getting opaque tokens.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnResourceTokensIT extends OAuthFlows {
    private static final String API = "http://portcullis.test";
    private static final String CB = "http://127.0.0.1:7777/callback";
    private static final String API_KEY_SHAPE = "^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$";
    @Inject
    RegisteredResourceRepository resources;
    @Inject
    OAuthClientRepository clients;
    private String owner;
    private String jobId;
    private String jobSecret;

    @BeforeAll
    void setUp() {
        owner = "Bearer " + ownerSession();
        HttpResponse<String> created = postJson("/api/v2/oauth2-provider/apps", "{\"name\":\"Nightly report\","
                + "\"grant_types\":[\"client_credentials\"],\"scope\":\"oauth2_app:read metrics:read\"}", "Authorization", owner);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        jobId = field(created.body(), "client_id");
        HttpResponse<String> secret = postJson("/api/v2/oauth2-provider/apps/" + field(created.body(), "id") + "/secrets", "",
                "Authorization", owner);
        jobSecret = field(secret.body(), "client_secret_full");
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> clientToken(String id, String secret, String scope) {
        Map<String, String> form = scope == null ? Map.of("grant_type", "client_credentials", "resource", API)
                : Map.of("grant_type", "client_credentials", "resource", API, "scope", scope);
        return token(form, "Authorization", basic(id, secret));
    }

    private Map<String, Object> introspect(String token, String id, String secret) {
        HttpResponse<String> r = postForm("/oauth2/introspect", Map.of("token", token), "Authorization", basic(id, secret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.object(r.body());
    }

    @Test
    void clientCredentialsWhenResourceIsTheApiThenOpaqueTokenForTheClientWithoutRefresh() {
        HttpResponse<String> r = clientToken(jobId, jobSecret, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> t = Json.object(r.body());
        assertThat(t).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600)
                .containsEntry("scope", "metrics:read oauth2_app:read").doesNotContainKey("refresh_token");
        assertThat((String) t.get("access_token")).matches(API_KEY_SHAPE);
        HttpResponse<String> narrower = clientToken(jobId, jobSecret, "oauth2_app:read");
        assertThat(Json.object(narrower.body())).containsEntry("scope", "oauth2_app:read");
        HttpResponse<String> wider = clientToken(jobId, jobSecret, "user:read");
        assertThat(wider.statusCode()).isEqualTo(400);
        assertThat(Json.object(wider.body())).containsEntry("error", "invalid_scope");
    }

    @Test
    void clientTokenWhenUsedOnTheApiThenOnlyWhatItsScopesAllowAndNothingThatNeedsAUser() {
        String bearer = "Bearer " + field(clientToken(jobId, jobSecret, "oauth2_app:read").body(), "access_token");
        HttpResponse<String> apps = get("/api/v2/oauth2-provider/apps", "Authorization", bearer);
        assertThat(apps.statusCode()).as(apps.body()).isEqualTo(200);
        assertThat(Json.objects(apps.body())).extracting(a -> a.get("client_id")).contains(jobId);
        assertThat(get("/api/v2/oauth2-provider/resources", "Authorization", bearer).statusCode()).isEqualTo(200);
        HttpResponse<String> me = get("/api/v2/users/me", "Authorization", bearer);
        assertThat(me.statusCode()).isEqualTo(403);
        assertThat(me.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(Json.object(me.body())).containsEntry("message", "Forbidden.");
        assertThat(Json.text(me.body(), "detail")).contains("client_credentials");
        for (String path : List.of("/api/v2/users", "/api/v2/users/me/keys/tokens", "/api/v2/mcp/servers",
                "/api/v2/users/me/oauth2-grants")) {
            assertThat(get(path, "Authorization", bearer).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(postJson("/api/v2/oauth2-provider/apps", "{\"name\":\"x\",\"callback_url\":\"https://x.example/cb\"}",
                "Authorization", bearer).statusCode()).isEqualTo(403);
        // scopes still count where clients are admitted: metrics (asked for from outside the host) needs metrics:read
        HttpResponse<String> metrics = get("/metrics", "Authorization", bearer, "X-Forwarded-For", "203.0.113.9");
        assertThat(metrics.statusCode()).isEqualTo(403);
        assertThat(metrics.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");
        String scraper = "Bearer " + field(clientToken(jobId, jobSecret, "metrics:read").body(), "access_token");
        assertThat(get("/metrics", "Authorization", scraper, "X-Forwarded-For", "203.0.113.9").statusCode()).isEqualTo(200);
        // pages act for users only: the client's token is nobody signed in there
        assertThat(get("/", "Cookie", "portcullis_session_token=" + bearer.substring(7)).statusCode()).isNotEqualTo(200);
    }

    @Test
    void clientCredentialsWhenSelfRegisteredClientAsksForTheApiThenUnauthorizedClient() {
        String job = register("{\"client_name\":\"Stranger job\",\"grant_types\":[\"client_credentials\"]}");
        HttpResponse<String> r = clientToken(field(job, "client_id"), field(job, "client_secret"), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.object(r.body())).containsEntry("error", "unauthorized_client");
    }

    @Test
    void introspectWhenClientOwnApiTokenThenActiveWithTheClientAsSubjectAndInactiveOnceRevoked() {
        String access = field(clientToken(jobId, jobSecret, "oauth2_app:read").body(), "access_token");
        Map<String, Object> active = introspect(access, jobId, jobSecret);
        assertThat(active).containsEntry("active", true).containsEntry("sub", jobId).containsEntry("client_id", jobId)
                .containsEntry("aud", API + "/").containsEntry("scope", "oauth2_app:read")
                .containsEntry("token_type", "Bearer").containsKeys("iat", "exp").doesNotContainKey("username");
        assertThat(((Number) active.get("exp")).longValue() - ((Number) active.get("iat")).longValue()).isEqualTo(3600);
        String other = register("{\"client_name\":\"Other\",\"redirect_uris\":[\"" + CB + "\"]}");
        assertThat(introspect(access, field(other, "client_id"), field(other, "client_secret")))
                .isEqualTo(Map.of("active", false));
        assertThat(postForm("/oauth2/revoke", Map.of("token", access), "Authorization", basic(jobId, jobSecret))
                .statusCode()).isEqualTo(200);
        assertThat(introspect(access, jobId, jobSecret)).isEqualTo(Map.of("active", false));
        assertThat(get("/api/v2/oauth2-provider/apps", "Authorization", "Bearer " + access).statusCode()).isEqualTo(401);
    }

    @Test
    void introspectWhenUsersOpaqueTokenThenActiveForTheIssuingClientOnly() {
        String app = register("{\"client_name\":\"Agent\",\"redirect_uris\":[\"" + CB + "\"]}");
        String appId = field(app, "client_id");
        String appSecret = field(app, "client_secret");
        String code = code(owner.substring(7), defaults(appId, CB));
        HttpResponse<String> r = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "redirect_uri", CB), "Authorization", basic(appId, appSecret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String access = field(r.body(), "access_token");
        assertThat(access).matches(API_KEY_SHAPE);
        Map<String, Object> active = introspect(access, appId, appSecret);
        assertThat(active).containsEntry("active", true).containsEntry("client_id", appId).containsEntry("username", "owner")
                .containsEntry("aud", API + "/").containsEntry("token_type", "Bearer").containsKeys("sub", "scope", "iat", "exp");
        assertThat((String) active.get("sub")).isNotEqualTo(appId).matches("[0-9a-f-]{36}");
        assertThat(introspect(access, jobId, jobSecret)).isEqualTo(Map.of("active", false));
        assertThat(introspect(access + "x", appId, appSecret)).isEqualTo(Map.of("active", false));
        assertThat(introspect("AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB", appId, appSecret)).isEqualTo(Map.of("active", false));
        assertThat(postForm("/oauth2/revoke", Map.of("token", access), "Authorization", basic(appId, appSecret))
                .statusCode()).isEqualTo(200);
        assertThat(introspect(access, appId, appSecret)).isEqualTo(Map.of("active", false));
    }

    /** An owner may register a resource whose URI is Portcullis's own; its tokens stay opaque API keys all the same. */
    @Test
    void tokenWhenRegisteredResourceNamesTheApiOrAGatewayPathThenOpaqueApiKeys() {
        // /mcp/files is a protected resource of Portcullis once a server is published there
        HttpResponse<String> server = postJson("/api/v2/mcp/servers", "{\"display_name\":\"Files\",\"slug\":\"files\","
                + "\"url\":\"https://files.example/mcp\",\"auth_type\":\"none\",\"enabled\":true}", "Authorization", owner);
        assertThat(server.statusCode()).as(server.body()).isEqualTo(201);
        for (String uri : List.of(API, API + "/mcp/files")) {
            Instant now = Instant.now();
            OAuthClient introspector = new OAuthClient(UUID.randomUUID(), new ClientMetadata("Introspection for " + uri,
                    List.of(), "client_secret_basic", List.of(), List.of(), Optional.empty(), null, null, null, null,
                    List.of(), null, null, null), Optional.empty(), false, now, now);
            clients.insert(introspector);
            assertThat(resources.insert(new RegisteredResource(UUID.randomUUID(), ResourceUri.parse(uri), "Shadow of " + uri,
                    List.of("all", "mcp_gateway:use"), Map.of(), AccessTokenFormat.JWT, Duration.ofMinutes(5),
                    introspector.id(), now, now))).isTrue();
        }
        String app = register("{\"client_name\":\"Shadowed\",\"redirect_uris\":[\"" + CB + "\"]}");
        for (String uri : List.of(API, API + "/mcp/files")) {
            Map<String, String> params = defaults(field(app, "client_id"), CB);
            params.put("resource", uri);
            String code = code(owner.substring(7), params);
            HttpResponse<String> r = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                    "redirect_uri", CB, "resource", uri), "Authorization", basic(field(app, "client_id"),
                    field(app, "client_secret")));
            assertThat(r.statusCode()).as(uri + ": " + r.body()).isEqualTo(200);
            assertThat(field(r.body(), "access_token")).as(uri).matches(API_KEY_SHAPE);
            assertThat(Json.object(r.body())).as(uri).containsEntry("expires_in", 3600);
        }
    }
}

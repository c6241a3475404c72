package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The authorization server over HTTP: metadata, registration, authorize, token, revoke (PRODUCT §4). */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthEndpointsIT extends OAuthFlows {
    private static final String CB = "http://127.0.0.1:7777/callback";
    private String session;
    private String publicId;
    private String confidentialId;
    private String confidentialSecret;

    @BeforeAll
    void setUp() {
        session = ownerSession();
        publicId = field(register("{\"client_name\":\"Inspector\",\"redirect_uris\":[\"" + CB + "\"],\"token_endpoint_auth_method\":\"none\"}"), "client_id");
        String confidential = register("{\"client_name\":\"Web app\",\"redirect_uris\":[\"https://app.example/cb\",\"https://app.example/other\"]}");
        confidentialId = field(confidential, "client_id");
        confidentialSecret = field(confidential, "client_secret");
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> exchange(String clientId, String code, String redirect) {
        Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", VERIFIER, "client_id", clientId));
        if (redirect != null) {
            form.put("redirect_uri", redirect);
        }
        return token(form);
    }

    @Test
    void metadataWhenFetchedThenAdvertisesEndpointsAndCors() {
        HttpResponse<String> r = get("/.well-known/oauth-authorization-server", "Origin", "https://inspector.example");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(Json.object(r.body())).containsEntry("issuer", "http://portcullis.test")
                .containsEntry("authorization_endpoint", "http://portcullis.test/oauth2/authorize")
                .containsEntry("token_endpoint", "http://portcullis.test/oauth2/token")
                .containsEntry("registration_endpoint", "http://portcullis.test/oauth2/register")
                .containsEntry("code_challenge_methods_supported", List.of("S256"))
                .containsEntry("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"))
                .containsEntry("authorization_response_iss_parameter_supported", true);
        HttpResponse<String> api = get("/api/v2/users/me", "Origin", "https://inspector.example", "Authorization", "Bearer " + session);
        assertThat(api.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void registerWhenRedirectUnsafeOrMetadataBadThenRfc7591Errors() {
        for (String bad : List.of("http://evil.example/cb", "https://app.example/cb#frag", "javascript:alert(1)",
                "data:text/html,hi", "file:///etc/passwd", "relative/cb", "myapp:/cb")) {
            HttpResponse<String> r = postJson("/oauth2/register", "{\"redirect_uris\":[\"" + bad + "\"]}");
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(Json.object(r.body())).as(bad).containsEntry("error", "invalid_redirect_uri");
        }
        // client_credentials is for confidential clients only; scopes must be RFC 6749 scope-tokens
        for (String body : List.of("{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"none\"}",
                "{\"redirect_uris\":[\"https://a.example/cb\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
                "{\"redirect_uris\":[\"https://a.example/cb\"],\"scope\":\"back\\\\slash\"}",
                "{\"redirect_uris\":\"https://a.example/cb\"}", "{\"redirect_uris\":[null]}", "null", "[]", "{", "")) {
            HttpResponse<String> r = postJson("/oauth2/register", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).containsAnyOf("invalid_client_metadata", "invalid_redirect_uri");
        }
        HttpResponse<String> native1 = postJson("/oauth2/register", "{\"redirect_uris\":[\"com.example.app:/cb\"],\"token_endpoint_auth_method\":\"none\"}");
        assertThat(native1.statusCode()).isEqualTo(201);
        assertThat(native1.body()).doesNotContain("client_secret");
    }

    @Test
    void registerWhenConfidentialThenSecretWithZeroExpiryAndManagementWorksOnlyWithToken() {
        String body = register("{\"client_name\":\"Managed\",\"redirect_uris\":[\"https://m.example/cb\"],\"token_endpoint_auth_method\":\"client_secret_post\"}");
        assertThat(Json.object(body)).containsEntry("client_secret_expires_at", 0);
        assertThat(field(body, "registration_client_uri")).startsWith("http://portcullis.test/oauth2/clients/");
        String id = field(body, "client_id");
        String token = field(body, "registration_access_token");
        assertThat(get("/oauth2/clients/" + id).statusCode()).isEqualTo(401);
        assertThat(Json.object(get("/oauth2/clients/" + id, "Authorization", "Bearer " + token).body()))
                .containsEntry("client_name", "Managed").doesNotContainKey("client_secret");
        HttpResponse<String> updated = putJson("/oauth2/clients/" + id, "{\"client_id\":\"" + id + "\",\"client_name\":\"Renamed\","
                + "\"redirect_uris\":[\"https://m.example/cb2\"],\"token_endpoint_auth_method\":\"client_secret_post\"}",
                "Authorization", "Bearer " + token);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(Json.object(updated.body())).containsEntry("client_name", "Renamed")
                .containsEntry("redirect_uris", List.of("https://m.example/cb2"));
        assertThat(delete("/oauth2/clients/" + id, "Authorization", "Bearer " + publicId).statusCode()).isEqualTo(401);
        assertThat(delete("/oauth2/clients/" + id, "Authorization", "Bearer " + token).statusCode()).isEqualTo(204);
        assertThat(get("/oauth2/clients/" + id, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    @Test
    void authorizeWhenClientOrRedirectUntrustedThenErrorPageNeverRedirect() {
        for (Map<String, String> params : List.of(defaults("00000000-0000-4000-8000-000000000000", CB), defaults("nope", CB),
                defaults(publicId, "https://evil.example/cb"), defaults(publicId, "http://127.0.0.1:7777/callback/../evil"),
                defaults(confidentialId, null))) {
            HttpResponse<String> r = get(authorizeQuery(params), "Cookie", "portcullis_session_token=" + session);
            assertThat(r.statusCode()).as(params.toString()).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
            assertThat(r.headers().firstValue("content-type").orElse("")).contains("text/html");
            assertThat(r.body()).contains("not been redirected");
        }
    }

    @Test
    void authorizeWhenTrustedButInvalidThenRedirectWithErrorStateAndIss() {
        Map<String, String> plain = defaults(publicId, CB);
        plain.put("code_challenge_method", "plain");
        Map<String, String> noChallenge = defaults(publicId, CB);
        noChallenge.remove("code_challenge");
        Map<String, String> foreignResource = defaults(publicId, CB);
        foreignResource.put("resource", "https://other.example/mcp");
        Map<String, String> badScope = defaults(publicId, CB);
        badScope.put("scope", "user:read root:all");
        Map<String, String> implicit = defaults(publicId, CB);
        implicit.put("response_type", "token");
        Map<String, Map<String, String>> cases = Map.of("invalid_request", plain, "invalid_request ", noChallenge,
                "invalid_target", foreignResource, "invalid_scope", badScope, "unsupported_response_type", implicit);
        cases.forEach((expected, params) -> {
            HttpResponse<String> r = get(authorizeQuery(params));
            assertThat(r.statusCode()).as(expected).isEqualTo(302);
            Map<String, String> q = query(r.headers().firstValue("Location").orElseThrow());
            assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith(CB + "?");
            assertThat(q.get("error")).isEqualTo(expected.trim());
            assertThat(q.get("state")).isEqualTo("xyz-state");
            assertThat(q.get("iss")).isEqualTo("http://portcullis.test");
            assertThat(q.get("error_description")).isNotBlank();
        });
    }

    @Test
    void authorizeWhenSignedOutThenLoginWithReturnPath() {
        Map<String, String> params = defaults(publicId, CB);
        params.put("unknown_extension", "ignored");
        HttpResponse<String> r = get(authorizeQuery(params));
        assertThat(r.statusCode()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/login?redirect=%2Foauth2%2Fauthorize%3F");
        assertThat(java.net.URLDecoder.decode(location.substring("/login?redirect=".length()), StandardCharsets.UTF_8))
                .isEqualTo(authorizeQuery(params));
    }

    @Test
    void consentWhenSignedInThenNamesAppHostUserScopesWithStrictHeaders() {
        Map<String, String> params = defaults(publicId, "http://127.0.0.1:50123/callback");
        params.put("scope", "user:read api_key:read");
        Consent consent = consent(session, params);
        assertThat(consent.page().body()).contains("Inspector").contains("127.0.0.1:50123").contains("owner")
                .contains("Read your user account").contains("Read your API keys").contains("name=\"csrf_token\"");
        String csp = consent.page().headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors 'none'").contains("form-action 'self' http://127.0.0.1:*");
        HttpResponse<String> noCsrf = postForm("/oauth2/authorize", Map.of("action", "allow"), "Cookie",
                "portcullis_session_token=" + session);
        assertThat(noCsrf.statusCode()).isIn(400, 403);
        Map<String, String> forged = new java.util.LinkedHashMap<>(consent.fields());
        forged.put("csrf_token", "A".repeat(32));
        forged.put("action", "allow");
        assertThat(postForm("/oauth2/authorize", forged, "Cookie", "portcullis_session_token=" + session + "; "
                + consent.csrfCookie()).statusCode()).isEqualTo(403);
        HttpResponse<String> denied = decide(session, consent, "deny");
        assertThat(denied.statusCode()).isEqualTo(302);
        Map<String, String> q = query(denied.headers().firstValue("Location").orElseThrow());
        assertThat(q).containsEntry("error", "access_denied").containsEntry("state", "xyz-state")
                .containsEntry("iss", "http://portcullis.test").doesNotContainKey("code");
    }

    @Test
    void tokenWhenCodeExchangedThenAccessTokenWorksOnApiWithNoStore() {
        String code = code(session, defaults(publicId, CB));
        assertThat(code).matches("^pcs_[0-9A-Za-z]{10}_[0-9A-Za-z]{40}$");
        HttpResponse<String> r = exchange(publicId, code, CB);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(Json.object(r.body())).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600)
                .containsEntry("scope", "all");
        String access = field(r.body(), "access_token");
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
        HttpResponse<String> again = exchange(publicId, code, CB);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
        assertThat(again.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + access).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenWhenTwentyConcurrentRedemptionsThenExactlyOneSucceeds() throws Exception {
        String code = code(session, defaults(publicId, CB));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> exchange(publicId, code, CB).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokenWhenConfidentialClientThenBasicOrPostAndConflictsRefused() {
        String code1 = code(session, defaults(confidentialId, "https://app.example/cb"));
        HttpResponse<String> viaBasic = token(Map.of("grant_type", "authorization_code", "code", code1, "code_verifier", VERIFIER,
                "redirect_uri", "https://app.example/cb"), "Authorization", basic(confidentialId, confidentialSecret));
        assertThat(viaBasic.statusCode()).as(viaBasic.body()).isEqualTo(200);
        String code2 = code(session, defaults(confidentialId, "https://app.example/other"));
        HttpResponse<String> viaPost = token(Map.of("grant_type", "authorization_code", "code", code2, "code_verifier", VERIFIER,
                "redirect_uri", "https://app.example/other", "client_id", confidentialId, "client_secret", confidentialSecret));
        assertThat(viaPost.statusCode()).isEqualTo(200);
        HttpResponse<String> both = token(Map.of("grant_type", "refresh_token", "refresh_token", field(viaPost.body(), "refresh_token"),
                "client_secret", confidentialSecret), "Authorization", basic(confidentialId, confidentialSecret));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("invalid_request");
        HttpResponse<String> wrong = token(Map.of("grant_type", "refresh_token", "refresh_token", "x"), "Authorization",
                basic(confidentialId, "pcs_0000000000_" + "0".repeat(40)));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"portcullis\"");
        HttpResponse<String> missing = token(Map.of("grant_type", "refresh_token", "refresh_token", "x", "client_id", confidentialId));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void tokenWhenCodeIssuedToAnotherClientOrRedirectDiffersThenInvalidGrant() {
        String code = code(session, defaults(confidentialId, "https://app.example/cb"));
        HttpResponse<String> otherClient = exchange(publicId, code, "https://app.example/cb");
        assertThat(otherClient.body()).contains("invalid_grant").contains("another client");
        HttpResponse<String> otherRedirect = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "redirect_uri", "https://app.example/other"), "Authorization", basic(confidentialId, confidentialSecret));
        assertThat(otherRedirect.body()).contains("invalid_grant").contains("redirect_uri");
        HttpResponse<String> wrongVerifier = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier",
                "x".repeat(43), "redirect_uri", "https://app.example/cb"), "Authorization", basic(confidentialId, confidentialSecret));
        assertThat(wrongVerifier.body()).contains("invalid_grant").contains("code_verifier");
    }

    @Test
    void tokenWhenResourceBoundThenTokenRefusedAtApiWithAudienceError() {
        postJson("/api/v2/mcp/servers", "{\"display_name\":\"Docs\",\"slug\":\"docs\",\"url\":\"https://docs.example/mcp\","
                + "\"enabled\":true}", "Authorization", "Bearer " + session);
        Map<String, String> notProtected = defaults(publicId, CB);
        notProtected.put("resource", "http://portcullis.test/api/v2");
        assertThat(query(get(authorizeQuery(notProtected)).headers().firstValue("Location").orElseThrow()))
                .containsEntry("error", "invalid_target");
        Map<String, String> params = defaults(publicId, CB);
        params.put("resource", "http://portcullis.test/mcp/docs");
        String code = code(session, params);
        HttpResponse<String> mismatch = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "client_id", publicId, "redirect_uri", CB, "resource", "http://portcullis.test/mcp/other"));
        assertThat(mismatch.body()).contains("invalid_target");
        HttpResponse<String> ok = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "client_id", publicId, "redirect_uri", CB, "resource", "HTTP://PORTCULLIS.TEST:80/mcp/docs/"));
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> api = get("/api/v2/users/me", "Authorization", "Bearer " + field(ok.body(), "access_token"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"")
                .contains("audience");
    }

    @Test
    void refreshAndRevokeWhenUsedThenRotationReuseDetectionAndRevocation() {
        String first = exchange(publicId, code(session, defaults(publicId, CB)), CB).body();
        HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", field(first, "refresh_token"),
                "client_id", publicId));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String second = refreshed.body();
        assertThat(field(second, "refresh_token")).isNotEqualTo(field(first, "refresh_token"));
        HttpResponse<String> reuse = token(Map.of("grant_type", "refresh_token", "refresh_token", field(first, "refresh_token"),
                "client_id", publicId));
        assertThat(reuse.body()).contains("invalid_grant");
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + field(second, "access_token")).statusCode()).isEqualTo(401);

        String third = exchange(publicId, code(session, defaults(publicId, CB)), CB).body();
        HttpResponse<String> foreign = postForm("/oauth2/revoke", Map.of("token", field(third, "access_token")),
                "Authorization", basic(confidentialId, confidentialSecret));
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + field(third, "access_token")).statusCode()).isEqualTo(200);
        assertThat(postForm("/oauth2/revoke", Map.of("token", field(third, "refresh_token"), "token_type_hint", "access_token",
                "client_id", publicId)).statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + field(third, "access_token")).statusCode()).isEqualTo(401);
        assertThat(postForm("/oauth2/revoke", Map.of("token", "unknown", "client_id", publicId)).statusCode()).isEqualTo(200);
        assertThat(postForm("/oauth2/revoke", Map.of("client_id", publicId)).body()).contains("invalid_request");
    }

    @Test
    void tokenWhenMalformedRequestsThenRfcErrorsNever500() {
        List<String> bodies = List.of("", "grant_type=password&client_id=" + publicId, "grant_type=authorization_code&client_id=" + publicId,
                "grant_type=authorization_code&code=abc&client_id=" + publicId,
                "grant_type=authorization_code&code=abc&code_verifier=short&client_id=" + publicId,
                "grant_type=refresh_token&client_id=" + publicId, "grant_type=refresh_token&refresh_token=pcs_x&client_id=" + publicId,
                "grant_type=authorization_code&grant_type=refresh_token&client_id=" + publicId, "%zz=1", "client_id=%00",
                "grant_type=client_credentials&client_id=" + publicId);
        for (String body : bodies) {
            HttpResponse<String> r = send(request("/oauth2/token", "Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(r.statusCode()).as(body).isBetween(400, 401);
            assertThat(Json.firstField(r.body())).as(body).isEqualTo("error");
            assertThat(Json.object(r.body())).as(body).hasEntrySatisfying("error", e -> assertThat(e).isInstanceOf(String.class))
                    .containsKey("error_description");
            assertThat(r.headers().firstValue("Cache-Control")).as(body).contains("no-store");
        }
        HttpResponse<String> json = postJson("/oauth2/token", "{\"grant_type\":\"authorization_code\"}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(Json.firstField(json.body())).isEqualTo("error");
        assertThat(Json.object(json.body())).containsEntry("error", "invalid_request");
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", "x"), "Authorization", "Basic %%%").statusCode())
                .isEqualTo(401);
    }

    @Test
    void appsApiWhenOwnerManagesAndMemberWritesThenRulesHold() {
        String owner = "Bearer " + session;
        HttpResponse<String> created = postJson("/api/v2/oauth2-provider/apps", "{\"name\":\"Dashboard\",\"callback_url\":\"https://dash.example/cb\"}",
                "Authorization", owner);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(Json.object(created.body())).containsEntry("callback_url", "https://dash.example/cb")
                .containsEntry("client_type", "confidential")
                .extractingByKey("endpoints", InstanceOfAssertFactories.MAP)
                .containsEntry("authorization", "http://portcullis.test/oauth2/authorize");
        String id = field(created.body(), "id");
        HttpResponse<String> secret = postJson("/api/v2/oauth2-provider/apps/" + id + "/secrets", "", "Authorization", owner);
        assertThat(secret.statusCode()).isEqualTo(201);
        String full = field(secret.body(), "client_secret_full");
        assertThat(full).matches("^pcs_[0-9A-Za-z]{10}_[0-9A-Za-z]{40}$");
        HttpResponse<String> secrets = get("/api/v2/oauth2-provider/apps/" + id + "/secrets", "Authorization", owner);
        assertThat(Json.objects(secrets.body())).extracting(s -> s.get("client_secret_truncated"))
                .contains(full.substring(full.length() - 6));
        assertThat(secrets.body()).doesNotContain(full);
        String member = "Bearer " + memberSession(session, "app-member");
        assertThat(get("/api/v2/oauth2-provider/apps/" + id, "Authorization", member).statusCode()).isEqualTo(200);
        assertThat(postJson("/api/v2/oauth2-provider/apps", "{\"name\":\"x\",\"callback_url\":\"https://x.example/cb\"}",
                "Authorization", member).statusCode()).isEqualTo(403);
        assertThat(delete("/api/v2/oauth2-provider/apps/" + id, "Authorization", member).statusCode()).isEqualTo(403);
        assertThat(get("/api/v2/oauth2-provider/apps/8d3c1ef0-0000-4000-8000-000000000000", "Authorization", owner).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v2/oauth2-provider/apps/not-a-uuid", "Authorization", owner).statusCode()).isEqualTo(404);
        assertThat(putJson("/api/v2/oauth2-provider/apps/" + id, "{\"name\":\"Dash 2\",\"redirect_uris\":[\"http://evil.example/cb\"]}",
                "Authorization", owner).statusCode()).isEqualTo(400);
        String secretId = field(secret.body(), "id");
        assertThat(delete("/api/v2/oauth2-provider/apps/" + id + "/secrets/" + secretId, "Authorization", owner).statusCode()).isEqualTo(204);
        assertThat(delete("/api/v2/oauth2-provider/apps/" + id, "Authorization", owner).statusCode()).isEqualTo(204);
        assertThat(get("/api/v2/oauth2-provider/apps/" + id, "Authorization", owner).statusCode()).isEqualTo(404);
    }

    @Test
    void grantsWhenListedAndRevokedThenTokensStopWorking() {
        String member = memberSession(session, "grant-member");
        String access = field(exchange(publicId, code(member, defaults(publicId, CB)), CB).body(), "access_token");
        HttpResponse<String> list = get("/api/v2/users/me/oauth2-grants", "Authorization", "Bearer " + member);
        assertThat(Json.element(list.body(), "client_id", publicId)).containsEntry("name", "Inspector");
        assertThat(delete("/api/v2/users/me/oauth2-grants/" + publicId, "Authorization", "Bearer " + member).statusCode()).isEqualTo(204);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + access).statusCode()).isEqualTo(401);
        assertThat(delete("/api/v2/users/me/oauth2-grants/" + publicId, "Authorization", "Bearer " + member).statusCode()).isEqualTo(404);
    }
}

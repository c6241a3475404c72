package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.application.oauth.port.in.RotateSigningKeyUseCase;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tokens any resource server can verify (PRODUCT §7) over HTTP: registered resources, RFC 8707 at authorize and token,
 * RFC 9068 JWTs checked against the JWKS, RFC 7662 introspection and its access rules, revocation, client_credentials.
 * The activation delay is zero here so that a rotation takes effect within the test.
 */
@MicronautTest
@Property(name = "portcullis.oauth2.signing-key-activation-delay", value = "0s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceServerIT extends OAuthFlows {
    private static final String FILES = "https://files.example/mcp";
    private static final String CB = "http://127.0.0.1:7777/callback";
    @Inject
    RotateSigningKeyUseCase rotation;
    private String owner;
    private String member;
    private String introspectorId;
    private String introspectorSecret;
    private String appId;
    private String appSecret;

    @BeforeAll
    void setUp() {
        owner = ownerSession();
        member = memberSession(owner, "mia");
        HttpResponse<String> created = postJson("/api/v2/oauth2-provider/resources", "{\"resource\":\"" + FILES
                + "\",\"display_name\":\"Team files\",\"scopes\":[\"files:read\",\"files:write\"],"
                + "\"scope_descriptions\":{\"files:read\":\"Read the team's files\"},\"access_token_lifetime_seconds\":300}",
                "Authorization", "Bearer " + owner);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        introspectorId = field(created.body(), "introspection_client_id");
        introspectorSecret = field(created.body(), "introspection_client_secret");
        String app = register("{\"client_name\":\"Agent\",\"redirect_uris\":[\"" + CB + "\"]}");
        appId = field(app, "client_id");
        appSecret = field(app, "client_secret");
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> userToken(String scope) {
        Map<String, String> params = defaults(appId, CB);
        params.put("resource", FILES);
        if (scope != null) {
            params.put("scope", scope);
        }
        String code = code(owner, params);
        HttpResponse<String> r = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "redirect_uri", CB, "resource", FILES), "Authorization", basic(appId, appSecret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.object(r.body());
    }

    private Map<String, Object> introspect(String token, String id, String secret) {
        HttpResponse<String> r = postForm("/oauth2/introspect", Map.of("token", token), "Authorization", basic(id, secret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        return Json.object(r.body());
    }

    private SignedJWT verifiedWithJwks(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json").body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("kid %s in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt;
    }

    @Test
    void resourcesApiWhenOwnerThenCrudAndMembersReadOnly() {
        HttpResponse<String> list = get("/api/v2/oauth2-provider/resources", "Authorization", "Bearer " + member);
        assertThat(list.statusCode()).isEqualTo(200);
        Map<String, Object> files = Json.element(list.body(), "resource", FILES);
        assertThat(files).containsEntry("display_name", "Team files").containsEntry("access_token_format", "jwt")
                .containsEntry("access_token_lifetime_seconds", 300).containsEntry("introspection_client_id", introspectorId)
                .doesNotContainKey("introspection_client_secret");
        assertThat(postJson("/api/v2/oauth2-provider/resources", "{\"resource\":\"https://m.example\",\"display_name\":\"M\","
                + "\"scopes\":[\"m\"]}", "Authorization", "Bearer " + member).statusCode()).isEqualTo(403);
        HttpResponse<String> dup = postJson("/api/v2/oauth2-provider/resources", "{\"resource\":\"https://FILES.example/mcp/\","
                + "\"display_name\":\"Dup\",\"scopes\":[\"x\"]}", "Authorization", "Bearer " + owner);
        assertThat(dup.statusCode()).isEqualTo(409);
        HttpResponse<String> bad = postJson("/api/v2/oauth2-provider/resources", "{\"resource\":\"http://evil.example\","
                + "\"display_name\":\"E\",\"scopes\":[\"x\"]}", "Authorization", "Bearer " + owner);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.object(bad.body())).containsKey("validations");
        HttpResponse<String> other = postJson("/api/v2/oauth2-provider/resources", "{\"resource\":\"https://tmp.example\","
                + "\"display_name\":\"Tmp\",\"scopes\":[\"t\"],\"access_token_format\":\"opaque\"}", "Authorization",
                "Bearer " + owner);
        String id = field(other.body(), "id");
        HttpResponse<String> patched = send(request("/api/v2/oauth2-provider/resources/" + id, "Authorization",
                "Bearer " + owner, "Content-Type", "application/json").method("PATCH",
                HttpRequest.BodyPublishers.ofString("{\"display_name\":\"Renamed\"}")).build());
        assertThat(Json.object(patched.body())).containsEntry("display_name", "Renamed").containsEntry("access_token_format",
                "opaque");
        assertThat(delete("/api/v2/oauth2-provider/resources/" + id, "Authorization", "Bearer " + member).statusCode())
                .isEqualTo(403);
        assertThat(delete("/api/v2/oauth2-provider/resources/" + id, "Authorization", "Bearer " + owner).statusCode())
                .isEqualTo(204);
        assertThat(get("/api/v2/oauth2-provider/resources/" + id, "Authorization", "Bearer " + owner).statusCode())
                .isEqualTo(404);
    }

    @Test
    void consentWhenRegisteredResourceThenNamesItAndDescribesItsScopes() {
        Map<String, String> params = defaults(appId, CB);
        params.put("resource", FILES);
        Consent consent = consent(owner, params);
        assertThat(consent.page().body()).contains("Team files").contains("Read the team&#39;s files")
                .contains("files:write");
    }

    @Test
    void authorizeWhenScopeOutsideResourceThenInvalidScopeRedirect() {
        Map<String, String> params = defaults(appId, CB);
        params.put("resource", FILES);
        params.put("scope", "files:read user:read");
        HttpResponse<String> r = get(authorizeQuery(params), "Cookie", "portcullis_session_token=" + owner);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(query(r.headers().firstValue("Location").orElseThrow())).containsEntry("error", "invalid_scope");
    }

    @Test
    void tokenWhenRegisteredResourceThenRfc9068JwtVerifiableWithTheJwks() throws Exception {
        Map<String, Object> t = userToken("files:read");
        assertThat(t).containsEntry("expires_in", 300).containsEntry("scope", "files:read").containsKey("refresh_token");
        SignedJWT jwt = verifiedWithJwks((String) t.get("access_token"));
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly(FILES);
        assertThat(claims.getIssuer()).isEqualTo("http://portcullis.test");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(appId);
        assertThat(claims.getStringClaim("scope")).isEqualTo("files:read");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
        // the same token is no key for Portcullis's own API
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + t.get("access_token")).statusCode()).isEqualTo(401);
    }

    @Test
    void introspectWhenResourceClientOrIssuingClientThenActiveElseInactive() {
        String access = (String) userToken("files:read files:write").get("access_token");
        Map<String, Object> byResource = introspect(access, introspectorId, introspectorSecret);
        assertThat(byResource).containsEntry("active", true).containsEntry("aud", FILES).containsEntry("client_id", appId)
                .containsEntry("username", "owner").containsEntry("token_type", "Bearer")
                .containsEntry("scope", "files:read files:write").containsKeys("sub", "iat", "exp");
        assertThat(introspect(access, appId, appSecret)).containsEntry("active", true);
        String stranger = register("{\"client_name\":\"Stranger\",\"redirect_uris\":[\"" + CB + "\"]}");
        assertThat(introspect(access, field(stranger, "client_id"), field(stranger, "client_secret")))
                .isEqualTo(Map.of("active", false));
        assertThat(introspect("not-a-token", introspectorId, introspectorSecret)).isEqualTo(Map.of("active", false));
        HttpResponse<String> unauthenticated = postForm("/oauth2/introspect", Map.of("token", access));
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(Json.object(unauthenticated.body())).containsEntry("error", "invalid_client");
        String publicApp = register("{\"client_name\":\"Public\",\"redirect_uris\":[\"" + CB
                + "\"],\"token_endpoint_auth_method\":\"none\"}");
        assertThat(postForm("/oauth2/introspect", Map.of("token", access, "client_id", field(publicApp, "client_id")))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void revokeWhenJwtRevokedThenIntrospectsInactiveAtOnce() {
        String access = (String) userToken("files:read").get("access_token");
        assertThat(introspect(access, introspectorId, introspectorSecret)).containsEntry("active", true);
        HttpResponse<String> revoked = postForm("/oauth2/revoke", Map.of("token", access), "Authorization",
                basic(appId, appSecret));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(introspect(access, introspectorId, introspectorSecret)).isEqualTo(Map.of("active", false));
    }

    @Test
    void refreshWhenRegisteredResourceThenANewJwtForIt() throws Exception {
        Map<String, Object> first = userToken("files:read files:write");
        HttpResponse<String> r = token(Map.of("grant_type", "refresh_token", "refresh_token", (String) first.get("refresh_token"),
                "resource", FILES, "scope", "files:read"), "Authorization", basic(appId, appSecret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        SignedJWT jwt = verifiedWithJwks(field(r.body(), "access_token"));
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("files:read");
    }

    @Test
    void clientCredentialsWhenRegisteredForTheGrantThenTokenWithTheClientAsSubject() throws Exception {
        String job = register("{\"client_name\":\"Nightly\",\"grant_types\":[\"client_credentials\"],\"scope\":\"files:read\"}");
        String id = field(job, "client_id");
        HttpResponse<String> r = token(Map.of("grant_type", "client_credentials", "resource", FILES), "Authorization",
                basic(id, field(job, "client_secret")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> t = Json.object(r.body());
        assertThat(t).containsEntry("token_type", "Bearer").containsEntry("scope", "files:read").doesNotContainKey("refresh_token");
        assertThat(verifiedWithJwks((String) t.get("access_token")).getJWTClaimsSet().getSubject()).isEqualTo(id);
        HttpResponse<String> wider = token(Map.of("grant_type", "client_credentials", "resource", FILES, "scope",
                "files:write"), "Authorization", basic(id, field(job, "client_secret")));
        assertThat(Json.object(wider.body())).containsEntry("error", "invalid_scope");
        HttpResponse<String> codeClient = token(Map.of("grant_type", "client_credentials", "resource", FILES),
                "Authorization", basic(appId, appSecret));
        assertThat(Json.object(codeClient.body())).containsEntry("error", "unauthorized_client");
    }

    @Test
    void metadataWhenFetchedThenAdvertisesJwksIntrospectionAndClientCredentials() {
        Map<String, Object> m = Json.object(get("/.well-known/oauth-authorization-server").body());
        assertThat(m).containsEntry("jwks_uri", "http://portcullis.test/.well-known/jwks.json")
                .containsEntry("introspection_endpoint", "http://portcullis.test/oauth2/introspect");
        assertThat(m.get("grant_types_supported").toString()).contains("client_credentials");
    }

    @Test
    void rotateWhenKeyRotatedThenOldTokensStillVerifyAndNewOnesUseTheNewKid() throws Exception {
        String before = (String) userToken("files:read").get("access_token");
        RotateSigningKeyUseCase.Rotation rotated = rotation.rotate();
        assertThat(JWKSet.parse(get("/.well-known/jwks.json").body()).getKeys().stream()
                .map(k -> k.getKeyID()).toList())
                .contains(rotated.kid(), SignedJWT.parse(before).getHeader().getKeyID());
        String after = (String) userToken("files:read").get("access_token");
        assertThat(verifiedWithJwks(after).getHeader().getKeyID()).isEqualTo(rotated.kid());
        verifiedWithJwks(before);
        assertThat(introspect(before, introspectorId, introspectorSecret)).containsEntry("active", true);
    }
}

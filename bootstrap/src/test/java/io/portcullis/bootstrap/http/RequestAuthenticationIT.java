package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The four credential sources, their precedence, and every RFC 6750 / RFC 9728 refusal. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestAuthenticationIT extends ServiceTest {
    private static final String PRM = "resource_metadata=\"http://portcullis.test/.well-known/oauth-protected-resource\"";
    private String session;

    @BeforeAll
    void signIn() {
        session = ownerSession();
    }

    @Test
    void meWhenEachSourceCarriesValidKeyThenOk() {
        assertThat(get("/api/v2/users/me", "Cookie", "portcullis_session_token=" + session).statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/users/me", "Portcullis-Session-Token", session).statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + session).statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/users/me", "Authorization", "bEaReR " + session).statusCode()).isEqualTo(200);
        HttpResponse<String> query = get("/api/v2/users/me?access_token=" + session);
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(field(query.body(), "username")).isEqualTo("owner");
    }

    @Test
    void meWhenEarlierSourceBadThenRefusedEvenIfLaterSourceGood() {
        HttpResponse<String> r = get("/api/v2/users/me", "Cookie", "portcullis_session_token=bad",
                "Authorization", "Bearer " + session);
        assertThat(r.statusCode()).isEqualTo(401);
        HttpResponse<String> r2 = get("/api/v2/users/me?access_token=" + session, "Portcullis-Session-Token", "nope");
        assertThat(r2.statusCode()).isEqualTo(401);
        HttpResponse<String> r3 = get("/api/v2/users/me?access_token=bad", "Authorization", "Bearer " + session);
        assertThat(r3.statusCode()).isEqualTo(200);
    }

    @Test
    void meWhenNoCredentialsThenBareChallengeWithoutError() {
        HttpResponse<String> r = get("/api/v2/users/me");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"portcullis\", " + PRM);
        assertThat(Json.object(r.body())).containsKey("message");
    }

    @Test
    void meWhenMalformedUnknownOrWrongSchemeThenInvalidTokenWithAccurateDescription() {
        HttpResponse<String> malformed = get("/api/v2/users/me", "Authorization", "Bearer not-a-key");
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(malformed.headers().firstValue("WWW-Authenticate").orElseThrow())
                .isEqualTo("Bearer realm=\"portcullis\", error=\"invalid_token\", error_description=\"the access token is malformed\", " + PRM);
        HttpResponse<String> unknown = get("/api/v2/users/me", "Authorization", "Bearer 0123456789-0123456789012345678901");
        assertThat(unknown.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"").contains("invalid or has been revoked").doesNotContain("expired");
        HttpResponse<String> basic = get("/api/v2/users/me", "Authorization", "Basic dXNlcjpwYXNz");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void meWhenExpiredTokenThenDescriptionSaysExpired() throws Exception {
        String shortLived = createToken(session, "short-lived", "\"lifetime_seconds\":1");
        Thread.sleep(1100);
        HttpResponse<String> r = get("/api/v2/users/me", "Authorization", "Bearer " + shortLived);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error_description=\"the access token expired at ");
    }

    @Test
    void listUsersWhenTokenLacksScopeThenInsufficientScopeWithNeededScope() {
        String narrow = createToken(session, "narrow", "\"scopes\":[\"api_key:read\"]");
        HttpResponse<String> r = get("/api/v2/users", "Authorization", "Bearer " + narrow);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"portcullis\", error=\"insufficient_scope\"")
                .contains("scope=\"user:read\"").contains(PRM);
        assertThat(get("/api/v2/users/me/keys/tokens", "Authorization", "Bearer " + narrow).statusCode()).isEqualTo(200);
    }

    @Test
    void listUsersWhenMemberThenPlain403WithoutChallenge() {
        String member = memberSession(session, "plain-member");
        HttpResponse<String> r = get("/api/v2/users", "Authorization", "Bearer " + member);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(Json.object(r.body())).containsKey("message");
    }

    @Test
    void suspendedUserWhenKeyPresentedThenInvalidToken() {
        String member = memberSession(session, "to-suspend");
        assertThat(putJson("/api/v2/users/to-suspend/status/suspend", "", "Authorization", "Bearer " + session).statusCode())
                .isEqualTo(200);
        HttpResponse<String> r = get("/api/v2/users/me", "Authorization", "Bearer " + member);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("suspended");
        putJson("/api/v2/users/to-suspend/status/activate", "", "Authorization", "Bearer " + session);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + member).statusCode()).isEqualTo(200);
    }

    @Test
    void cookieWriteWhenCrossSiteThenRefusedButSameOriginAllowed() {
        String cookie = "portcullis_session_token=" + session;
        HttpResponse<String> cross = postJson("/api/v2/users/me/keys/tokens", "{\"token_name\":\"x1\"}", "Cookie", cookie,
                "Sec-Fetch-Site", "cross-site");
        assertThat(cross.statusCode()).isEqualTo(403);
        HttpResponse<String> foreignOrigin = postJson("/api/v2/users/me/keys/tokens", "{\"token_name\":\"x2\"}", "Cookie", cookie,
                "Origin", "https://evil.example");
        assertThat(foreignOrigin.statusCode()).isEqualTo(403);
        HttpResponse<String> same = postJson("/api/v2/users/me/keys/tokens", "{\"token_name\":\"x3\"}", "Cookie", cookie,
                "Origin", ACCESS_URL);
        assertThat(same.statusCode()).as(same.body()).isEqualTo(201);
    }

    @Test
    void logoutWhenCalledThenSessionKeyDeletedAndCookieCleared() {
        String other = login(OWNER_EMAIL, PASSWORD);
        HttpResponse<String> out = postJson("/api/v2/users/logout", "", "Authorization", "Bearer " + other);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().allValues("set-cookie")).anyMatch(c -> c.startsWith("portcullis_session_token=;")
                && c.contains("Max-Age=0"));
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + other).statusCode()).isEqualTo(401);
    }
}

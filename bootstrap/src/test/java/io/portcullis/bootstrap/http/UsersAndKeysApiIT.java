package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Users, sessions and API tokens over HTTP (PRODUCT §2–3). */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsersAndKeysApiIT extends ServiceTest {
    @jakarta.inject.Inject
    io.micronaut.context.ApplicationContext context;

    @Test
    @Order(1)
    void firstUserWhenNoneThen404Then201ThenConflict() {
        assertThat(get("/api/v2/users/first").statusCode()).isEqualTo(404);
        String owner = "{\"email\":\"Owner@Example.com\",\"username\":\"owner\",\"password\":\"" + PASSWORD + "\"";
        HttpResponse<String> stranger = postJson("/api/v2/users/first", owner + "}");
        assertThat(stranger.statusCode()).as("no setup code").isEqualTo(403);
        assertThat(Json.object(stranger.body()).get("message").toString()).contains("setup_code");
        assertThat(postJson("/api/v2/users/first", owner + ",\"setup_code\":\"guess\"}").statusCode()).as("wrong code")
                .isEqualTo(403);
        assertThat(get("/api/v2/users/first").statusCode()).isEqualTo(404);
        HttpResponse<String> created = postJson("/api/v2/users/first", owner + ",\"setup_code\":\"" + SETUP_CODE + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(Json.object(created.body())).containsEntry("roles", java.util.List.of("owner"))
                .containsEntry("email", "owner@example.com");
        assertThat(created.body()).doesNotContain("password");
        assertThat(get("/api/v2/users/first").statusCode()).isEqualTo(200);
        assertThat(postJson("/api/v2/users/first", "{\"email\":\"b@example.com\",\"username\":\"b\",\"password\":\"" + PASSWORD + "\"}")
                .statusCode()).isEqualTo(409);
    }

    @Test
    @Order(2)
    void loginWhenWrongPasswordOrUnknownEmailThenSame401() {
        HttpResponse<String> wrong = postJson("/api/v2/users/login", "{\"email\":\"owner@example.com\",\"password\":\"nope-nope\"}");
        HttpResponse<String> unknown = postJson("/api/v2/users/login", "{\"email\":\"ghost@example.com\",\"password\":\"nope-nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        HttpResponse<String> ok = postJson("/api/v2/users/login", "{\"email\":\"OWNER@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.headers().allValues("set-cookie")).anyMatch(c -> c.startsWith("portcullis_session_token=")
                && c.toLowerCase().contains("httponly") && c.contains("SameSite=Lax"));
    }

    @Test
    @Order(3)
    void usersWhenOwnerManagesThenCreateListGetAndDuplicatesConflict() {
        String owner = login(OWNER_EMAIL, PASSWORD);
        String auth = "Bearer " + owner;
        HttpResponse<String> created = postJson("/api/v2/users", "{\"email\":\"m1@example.com\",\"username\":\"m1\",\"password\":\"member-pass-1\"}",
                "Authorization", auth);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(Json.object(created.body())).containsEntry("roles", java.util.List.of()).containsEntry("status", "active");
        assertThat(postJson("/api/v2/users", "{\"email\":\"M1@example.com\",\"username\":\"other\",\"password\":\"member-pass-1\"}",
                "Authorization", auth).statusCode()).isEqualTo(409);
        HttpResponse<String> list = get("/api/v2/users", "Authorization", auth);
        assertThat(Json.objects(list.body())).extracting(u -> u.get("username")).contains("owner", "m1");
        String id = field(created.body(), "id");
        assertThat(field(get("/api/v2/users/" + id, "Authorization", auth).body(), "username")).isEqualTo("m1");
        assertThat(field(get("/api/v2/users/m1", "Authorization", auth).body(), "id")).isEqualTo(id);
        assertThat(get("/api/v2/users/nobody", "Authorization", auth).statusCode()).isEqualTo(404);
        assertThat(putJson("/api/v2/users/m1/status/explode", "", "Authorization", auth).statusCode()).isEqualTo(404);
        // "me" is /users/me's, "meow" a username like any other
        assertThat(field(get("/api/v2/users/me", "Authorization", auth).body(), "username")).isEqualTo("owner");
        assertThat(get("/api/v2/users/meow", "Authorization", auth).statusCode()).isEqualTo(404);
    }

    /** Timestamps are ISO-8601 instants in UTC, as the formatter writes them (IsoInstantSerializer writes them itself). */
    @Test
    @Order(3)
    void usersWhenRenderedThenTimestampsAreIsoInstants() throws Exception {
        String auth = "Bearer " + login(OWNER_EMAIL, PASSWORD);
        String createdAt = field(get("/api/v2/users/me", "Authorization", auth).body(), "created_at");
        java.time.Instant parsed = java.time.Instant.parse(createdAt);
        assertThat(createdAt).isEqualTo(java.time.format.DateTimeFormatter.ISO_INSTANT.format(parsed)).endsWith("Z");
        assertThat(parsed).isBetween(java.time.Instant.now().minusSeconds(600), java.time.Instant.now());
        assertThat(context.getBean(io.micronaut.serde.SerdeRegistry.class).findSerializer(
                io.micronaut.core.type.Argument.of(java.time.Instant.class)))
                .isInstanceOf(io.portcullis.adapters.http.shared.IsoInstantSerializer.class);
    }

    @Test
    @Order(4)
    void membersWhenTouchingOthersThen403EvenForMissingUsers() {
        String owner = login(OWNER_EMAIL, PASSWORD);
        String member = login("m1@example.com", "member-pass-1");
        String auth = "Bearer " + member;
        assertThat(get("/api/v2/users/owner", "Authorization", auth).statusCode()).isEqualTo(403);
        assertThat(get("/api/v2/users/ghost", "Authorization", auth).statusCode()).isEqualTo(403);
        assertThat(putJson("/api/v2/users/owner/status/suspend", "", "Authorization", auth).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/v2/users/owner/keys/tokens", "{\"token_name\":\"steal\"}", "Authorization", auth).statusCode())
                .isEqualTo(403);
        assertThat(putJson("/api/v2/users/me/status/suspend", "", "Authorization", "Bearer " + owner).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void tokensWhenCreatedListedDeletedThenSecretShownOnceAndRulesHold() {
        String owner = login(OWNER_EMAIL, PASSWORD);
        String auth = "Bearer " + owner;
        HttpResponse<String> created = postJson("/api/v2/users/me/keys/tokens",
                "{\"token_name\":\"deploy\",\"lifetime_seconds\":3600,\"scopes\":[\"user:read\"],\"allow_list\":[\"user:*\"]}",
                "Authorization", auth);
        assertThat(created.statusCode()).isEqualTo(201);
        String key = field(created.body(), "key");
        assertThat(key).matches("^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$");
        HttpResponse<String> list = get("/api/v2/users/me/keys/tokens", "Authorization", auth);
        assertThat(Json.element(list.body(), "token_name", "deploy")).containsEntry("scopes", java.util.List.of("user:read"))
                .containsEntry("lifetime_seconds", 3600).containsEntry("login_type", "token");
        assertThat(list.body()).doesNotContain(key.substring(11));
        assertThat(postJson("/api/v2/users/me/keys/tokens", "{\"token_name\":\"deploy\"}", "Authorization", auth).statusCode())
                .isEqualTo(409);
        HttpResponse<String> tooLong = postJson("/api/v2/users/me/keys/tokens",
                "{\"token_name\":\"forever\",\"lifetime_seconds\":99999999999}", "Authorization", auth);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Json.object(tooLong.body())).containsKey("validations");
        assertThat(tooLong.body()).contains("lifetime_seconds");
        HttpResponse<String> badScope = postJson("/api/v2/users/me/keys/tokens",
                "{\"token_name\":\"bad\",\"scopes\":[\"user:explode\"]}", "Authorization", auth);
        assertThat(badScope.statusCode()).isEqualTo(400);
        String id = key.substring(0, 10);
        assertThat(delete("/api/v2/users/me/keys/" + id, "Authorization", auth).statusCode()).isEqualTo(204);
        assertThat(delete("/api/v2/users/me/keys/" + id, "Authorization", auth).statusCode()).isEqualTo(404);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + key).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void loginWhenFiveFailuresThen429WithRetryAfterForKnownAndUnknownAlike() {
        for (String email : java.util.List.of("m1@example.com", "nobody-here@example.com")) {
            for (int i = 0; i < 5; i++) {
                assertThat(postJson("/api/v2/users/login", "{\"email\":\"" + email + "\",\"password\":\"wrong-pass-" + i + "\"}")
                        .statusCode()).isEqualTo(401);
            }
            HttpResponse<String> blocked = postJson("/api/v2/users/login", "{\"email\":\"" + email
                    + "\",\"password\":\"member-pass-1\"}");
            assertThat(blocked.statusCode()).as(email).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).as(email).hasValueSatisfying(v ->
                    assertThat(Long.parseLong(v)).isBetween(890L, 900L));
        }
    }
}

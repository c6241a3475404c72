package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Malformed input gets a 4xx in the REST error shape, never a 500, and nothing half-stored. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorResponsesIT extends ServiceTest {
    private String auth;

    @BeforeAll
    void signIn() {
        auth = "Bearer " + ownerSession();
    }

    @Test
    void writesWhenBodiesMalformedThen400JsonNever500() {
        List<String> bodies = List.of("", "   ", "null", "[]", "[1,2", "{", "\"str\"", "42", "{\"email\":5}",
                "{\"email\":[\"a\"],\"username\":{},\"password\":true}", "{\"email\":null}", "{\"token_name\":123}",
                "{\"token_name\":\"x\",\"scopes\":\"all\"}", "{\"token_name\":\"x\",\"scopes\":[null]}",
                "{\"token_name\":\"x\",\"lifetime_seconds\":\"soon\"}", "{\"token_name\":\"x\",\"allow_list\":[\"nope\"]}");
        for (String path : List.of("/api/v2/users/first", "/api/v2/users/login", "/api/v2/users", "/api/v2/users/me/keys/tokens")) {
            for (String body : bodies) {
                HttpResponse<String> r = postJson(path, body, "Authorization", auth);
                assertThat(r.statusCode()).as(path + " " + body).isBetween(400, 499);
                assertThat(r.headers().firstValue("content-type").orElse("")).as(path + " " + body).contains("application/json");
                assertThat(Json.firstField(r.body())).as(path + " " + body).isEqualTo("message");
                assertThat(r.body()).as(path + " " + body).doesNotContain("Exception");
            }
        }
        assertThat(Json.objects(get("/api/v2/users", "Authorization", auth).body())).extracting(u -> u.get("username"))
                .doesNotContain("x");
    }

    @Test
    void requestsWhenWrongMediaTypeMethodOrRouteThenRestShape() {
        HttpResponse<String> media = send(request("/api/v2/users/login", "Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(media.statusCode()).isEqualTo(415);
        assertThat(Json.firstField(media.body())).isEqualTo("message");
        // PATCH: no route of /api/v2/users/{user} takes it (DELETE is a user's deletion since the console's account API)
        HttpResponse<String> method = send(request("/api/v2/users/first")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(Json.firstField(method.body())).isEqualTo("message");
        HttpResponse<String> route = get("/api/v2/nothing-here", "Authorization", auth);
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(Json.firstField(route.body())).isEqualTo("message");
    }

    @Test
    void writesWhenBodyOversizedThen4xx() {
        String huge = "{\"token_name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> r = postJson("/api/v2/users/me/keys/tokens", huge, "Authorization", auth);
        assertThat(r.statusCode()).isBetween(400, 499);
    }

    @Test
    void pathsWhenIdsMalformedThen4xxNot500() {
        for (String id : List.of("%00", "..%2F..", "a%20b", "x".repeat(300), "%E2%98%83", "'%3B--")) {
            assertThat(get("/api/v2/users/" + id, "Authorization", auth).statusCode()).as(id).isBetween(400, 499);
            assertThat(delete("/api/v2/users/me/keys/" + id, "Authorization", auth).statusCode()).as(id).isBetween(400, 499);
        }
    }
}

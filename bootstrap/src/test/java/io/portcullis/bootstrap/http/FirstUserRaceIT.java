package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Twenty browsers racing to create the first user on a fresh server: one owner, everyone else told it exists. */
@MicronautTest
class FirstUserRaceIT extends ServiceTest {
    @Test
    void createFirstWhenTwentyConcurrentThenExactlyOneCreatedAndTheRestConflict() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> answers;
        try {
            answers = pool.invokeAll(IntStream.range(0, 20).<Callable<HttpResponse<String>>>mapToObj(i -> () -> postJson(
                    "/api/v2/users/first", "{\"email\":\"racer" + i + "@example.com\",\"username\":\"racer" + i
                            + "\",\"password\":\"racer-password-" + i + "\",\"setup_code\":\"" + SETUP_CODE + "\"}"))
                    .toList());
        } finally {
            pool.shutdown();
        }
        int created = 0;
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
            if (r.statusCode() == 201) {
                created++;
            } else {
                assertThat(Json.object(r.body())).containsKey("message");
            }
        }
        assertThat(created).isEqualTo(1);
        HttpResponse<String> winner = answers.stream().map(f -> {
            try {
                return f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(r -> r.statusCode() == 201).findFirst().orElseThrow();
        String username = Json.text(winner.body(), "username");
        String n = username.substring("racer".length());
        String session = login("racer" + n + "@example.com", "racer-password-" + n);
        List<Map<String, Object>> users = Json.objects(get("/api/v2/users", "Authorization", "Bearer " + session).body());
        assertThat(users).hasSize(1);
    }
}

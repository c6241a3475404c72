package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Races on one grant over HTTP against PostgreSQL (PRODUCT §12): concurrent refreshes with one refresh token, and a
 * revocation racing a refresh. No answer may be a 5xx, exactly one refresh wins, and once a revocation answered 200
 * no token of the grant works.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantRaceIT extends OAuthFlows {
    private static final String CB = "http://127.0.0.1:7777/callback";
    private static final int ROUNDS = 100;
    private static final int RACERS = 20;
    private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    private String session;
    private String clientId;

    @BeforeAll
    void setUp() {
        session = ownerSession();
        clientId = field(register("{\"client_name\":\"Racer\",\"redirect_uris\":[\"" + CB + "\"],"
                + "\"token_endpoint_auth_method\":\"none\"}"), "client_id");
    }

    @AfterAll
    void tearDown() {
        pool.shutdownNow();
    }

    /** A fresh grant: its first token response. */
    private Map<String, Object> newGrant() {
        HttpResponse<String> r = token(Map.of("grant_type", "authorization_code", "code", code(session, defaults(clientId, CB)),
                "code_verifier", VERIFIER, "client_id", clientId, "redirect_uri", CB));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.object(r.body());
    }

    private HttpResponse<String> refresh(Object refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", (String) refreshToken, "client_id", clientId));
    }

    private HttpResponse<String> revoke(Object token) {
        return postForm("/oauth2/revoke", Map.of("token", (String) token, "client_id", clientId));
    }

    private int api(Object accessToken) {
        return get("/api/v2/users/me", "Authorization", "Bearer " + accessToken).statusCode();
    }

    /** Starts every call at once (as far as threads allow) and returns the answers in order. */
    private List<HttpResponse<String>> race(List<Supplier<HttpResponse<String>>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (Supplier<HttpResponse<String>> call : calls) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return call.get();
            }));
        }
        ready.await();
        go.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }

    @Test
    void refreshWhenTwentyConcurrentWithOneTokenThenExactlyOneWinsAndNo5xx() throws Exception {
        int serverErrors = 0;
        int roundsWithoutOneWinner = 0;
        int otherRefusals = 0;
        int tokensAliveAfterReplay = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Object refreshToken = newGrant().get("refresh_token");
            List<Supplier<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                calls.add(() -> refresh(refreshToken));
            }
            List<HttpResponse<String>> answers = race(calls);
            List<HttpResponse<String>> winners = answers.stream().filter(a -> a.statusCode() == 200).toList();
            serverErrors += (int) answers.stream().filter(a -> a.statusCode() >= 500).count();
            otherRefusals += (int) answers.stream().filter(a -> a.statusCode() != 200 && a.statusCode() < 500)
                    .filter(a -> !"invalid_grant".equals(Json.object(a.body()).get("error"))).count();
            if (winners.size() != 1) {
                roundsWithoutOneWinner++;
                continue;
            }
            // the others replayed a rotated token: the whole grant is gone, the winner's tokens with it
            Map<String, Object> won = Json.object(winners.get(0).body());
            if (api(won.get("access_token")) != 401 || refresh(won.get("refresh_token")).statusCode() != 400) {
                tokensAliveAfterReplay++;
            }
        }
        assertThat(List.of(serverErrors, roundsWithoutOneWinner, otherRefusals, tokensAliveAfterReplay))
                .as("5xx answers, rounds without exactly one winner, refusals other than invalid_grant,"
                        + " rounds whose tokens survived the replay (of %d rounds x %d refreshes)", ROUNDS, RACERS)
                .containsExactly(0, 0, 0, 0);
    }

    @Test
    void revokeWhenRacingRefreshThenNo5xxAndNoTokenOfTheGrantWorks() throws Exception {
        int serverErrors = 0;
        int revocationsRefused = 0;
        int tokensAlive = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> first = newGrant();
            List<HttpResponse<String>> answers = race(List.of(() -> revoke(first.get("refresh_token")),
                    () -> refresh(first.get("refresh_token"))));
            HttpResponse<String> revoked = answers.get(0);
            HttpResponse<String> refreshed = answers.get(1);
            serverErrors += (int) answers.stream().filter(a -> a.statusCode() >= 500).count();
            if (revoked.statusCode() != 200) {
                revocationsRefused++;
                continue;
            }
            // access tokens first, then the newest refresh token, then the revoked one (whose replay would kill the grant)
            List<Integer> afterwards = new ArrayList<>();
            afterwards.add(api(first.get("access_token")));
            if (refreshed.statusCode() == 200) {
                Map<String, Object> second = Json.object(refreshed.body());
                afterwards.add(api(second.get("access_token")));
                afterwards.add(refresh(second.get("refresh_token")).statusCode());
            }
            afterwards.add(refresh(first.get("refresh_token")).statusCode());
            if (afterwards.stream().anyMatch(s -> s == 200)) {
                tokensAlive++;
            }
        }
        assertThat(List.of(serverErrors, revocationsRefused, tokensAlive))
                .as("5xx answers, revocations not answered 200, rounds with a token working after its revocation"
                        + " (of %d rounds)", ROUNDS)
                .containsExactly(0, 0, 0);
    }
}

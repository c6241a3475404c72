package io.portcullis.bootstrap.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway's limits hold across two replicas on one database (PRODUCT §10, §12): requests per second per token and
 * per client address never add up to more than the limit in a one-second window, whichever replica serves them
 * (tolerance: none above the limit; budget a replica leased but did not spend may be refused early), and the
 * replicas together admit no more requests in flight to one server than the concurrency limit.
 */
class GatewayLimitsReplicasIT extends TwoGatewayReplicas {
    private static final int PER_TOKEN = 5;
    private static final int PER_ADDRESS = 8;
    private static final int CONCURRENT = 4;

    @Override
    protected Map<String, Object> settings() {
        return Map.of("portcullis.limits.requests-per-second-per-token", PER_TOKEN,
                "portcullis.limits.requests-per-second-per-address", PER_ADDRESS,
                "portcullis.limits.concurrent-requests-per-server", CONCURRENT);
    }

    /** What a burst of pings from {@code keys}, spread over both replicas, got, with the windows it spanned. */
    private record Burst(List<HttpResponse<String>> answers, long windows) {
        long admitted() {
            return answers.stream().filter(r -> r.statusCode() == 200).count();
        }

        List<HttpResponse<String>> refused() {
            return answers.stream().filter(r -> r.statusCode() == 429).toList();
        }
    }

    private Burst burst(String slug, List<String> keys, long millis) {
        long start = Instant.now().getEpochSecond();
        ConcurrentLinkedQueue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        long until = System.currentTimeMillis() + millis;
        for (int w = 0; w < 6; w++) {
            EmbeddedServer replica = w % 2 == 0 ? one : two;
            String key = keys.get(w % keys.size());
            workers.add(CompletableFuture.runAsync(() -> {
                while (System.currentTimeMillis() < until) {
                    answers.add(ping(replica, slug, key));
                }
            }));
        }
        workers.forEach(CompletableFuture::join);
        long end = Instant.now().getEpochSecond();
        return new Burst(List.copyOf(answers), end - start + 1);
    }

    @Test
    void burstWhenOneTokenOnBothReplicasThenNoMoreThanTheLimitPerSecondTogether() {
        apiKeyServer("rated", "key-1");
        String key = newKey("burst");
        Burst burst = burst("rated", List.of(key), 4000);
        assertThat(burst.answers().size()).as("offered well over the limit").isGreaterThan(PER_TOKEN * (int) burst.windows());
        assertThat(burst.admitted()).as("admitted in %d windows", burst.windows()).isPositive()
                .isLessThanOrEqualTo((long) PER_TOKEN * burst.windows());
        assertThat(burst.admitted()).as("more than one window's worth: the budget renews each second")
                .isGreaterThan(PER_TOKEN);
        assertThat(burst.refused()).allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).contains("1"))
                .anySatisfy(r -> assertThat(r.body()).contains("too many requests per second for this token"));
    }

    @Test
    void burstWhenTwoTokensFromOneAddressThenTheAddressLimitHoldsTogether() {
        apiKeyServer("addressed", "key-2");
        Burst burst = burst("addressed", List.of(newKey("a"), newKey("b")), 4000);
        assertThat(burst.admitted()).as("admitted in %d windows", burst.windows()).isPositive()
                .isLessThanOrEqualTo((long) PER_ADDRESS * burst.windows());
        assertThat(burst.refused()).anySatisfy(r -> assertThat(r.body()).contains("for this client address"));
    }

    @Test
    void slowCallsWhenSpreadOverBothReplicasThenNoMoreInFlightThanTheLimitAndOthers503() throws Exception {
        apiKeyServer("slow", "key-3");
        sleep(2500); // both replicas have heartbeated: each admits its share (2 of 4)
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sleep(250); // within the rate limits (4 a second from this token and address): only concurrency is tested
            EmbeddedServer replica = i % 2 == 0 ? one : two;
            calls.add(CompletableFuture.supplyAsync(() -> gateway(replica, "slow", ownerSession,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}")));
        }
        List<HttpResponse<String>> busy = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            try {
                busy.add(call.get(3, TimeUnit.SECONDS));
            } catch (java.util.concurrent.TimeoutException stillInFlight) {
                // admitted: waits on the upstream
            }
        }
        assertThat(slowArrived.get()).as("in flight upstream").isEqualTo(CONCURRENT);
        assertThat(busy).hasSize(10 - CONCURRENT).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("has as many requests in flight as allowed");
        });
        release.countDown();
        long ok = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        assertThat(ok).isEqualTo(CONCURRENT);
        assertThat(ping(one, "slow", ownerSession).statusCode()).as("places given back when answers end").isEqualTo(200);
    }
}

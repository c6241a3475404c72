package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v2/users/me} touches no store once the credential is known: answered on the network thread when the
 * credential was validated recently (in memory), and through a handler thread — never the network thread — when it
 * must be read from the database.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeOnNetworkThreadIT extends ServiceTest {
    private static final int HANDLER_THREADS = 10; // micronaut.executors.blocking.n-threads
    @Inject
    ApplicationContext context;
    private String session;

    @BeforeAll
    void signIn() {
        session = ownerSession();
    }

    @Test
    void meWhenCredentialKnownFromMemoryAndEveryHandlerThreadBusyThenStillAnswers() throws Exception {
        String key = createToken(session, "cached", null);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200); // now cached
        CountDownLatch release = occupyEveryHandlerThread();
        try {
            HttpResponse<String> me = send(request("/api/v2/users/me", "Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(3)).build());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(field(me.body(), "username")).isEqualTo("owner");
        } finally {
            release.countDown();
        }
    }

    @Test
    void meWhenCredentialMustBeReadFromTheDatabaseThenWaitsForAHandlerThreadAndAnswers() throws Exception {
        String key = createToken(session, "never-used", null); // never presented: not in the credential cache
        CountDownLatch release = occupyEveryHandlerThread();
        CompletableFuture<HttpResponse<String>> me;
        try {
            me = http.sendAsync(request("/api/v2/users/me", "Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);
            // the lookup is JDBC: it waits for a handler thread instead of running on (and blocking) the network thread
            assertThat(me).isNotDone();
            assertThat(get("/healthz").statusCode()).isEqualTo(200);
        } finally {
            release.countDown();
        }
        HttpResponse<String> answered = me.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(field(answered.body(), "username")).isEqualTo("owner");
    }

    /** Fills the blocking pool (handlers and credential look-ups) with tasks that wait for the returned latch. */
    private CountDownLatch occupyEveryHandlerThread() throws InterruptedException {
        ExecutorService handlers = context.getBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.BLOCKING));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(HANDLER_THREADS);
        for (int i = 0; i < HANDLER_THREADS; i++) {
            handlers.execute(() -> {
                busy.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }
}

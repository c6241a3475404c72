package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.BusyHandlerThreads;
import io.portcullis.bootstrap.support.ServiceTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
        try (BusyHandlerThreads busy = BusyHandlerThreads.occupy(context)) {
            HttpResponse<String> me = send(request("/api/v2/users/me", "Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(3)).build());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(field(me.body(), "username")).isEqualTo("owner");
        }
    }

    @Test
    void meWhenCredentialMustBeReadFromTheDatabaseThenWaitsForAHandlerThreadAndAnswers() throws Exception {
        String key = createToken(session, "never-used", null); // never presented: not in the credential cache
        CompletableFuture<HttpResponse<String>> me;
        try (BusyHandlerThreads busy = BusyHandlerThreads.occupy(context)) {
            me = http.sendAsync(request("/api/v2/users/me", "Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);
            // the lookup is JDBC: it waits for a handler thread instead of running on (and blocking) the network thread
            assertThat(me).isNotDone();
            assertThat(get("/healthz").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> answered = me.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(field(answered.body(), "username")).isEqualTo("owner");
    }

    @Test
    void meWhenCredentialKnownFromMemoryLacksTheScopeThenInsufficientScopeEveryTime() {
        String narrow = createToken(session, "narrow", "\"scopes\":[\"api_key:read\"]");
        // validated (and so cached) on a route it may use
        assertThat(get("/api/v2/users/me/keys/tokens", "Authorization", "Bearer " + narrow).statusCode()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> me = get("/api/v2/users/me", "Authorization", "Bearer " + narrow);
            assertThat(me.statusCode()).isEqualTo(403);
            assertThat(me.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .startsWith("Bearer realm=\"portcullis\", error=\"insufficient_scope\"").contains("scope=\"user:read\"");
        }
        assertThat(get("/api/v2/users/me/keys/tokens", "Authorization", "Bearer " + narrow).statusCode()).isEqualTo(200);
    }
}

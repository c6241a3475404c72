package io.portcullis.bootstrap.replicas;

import io.portcullis.bootstrap.support.ServiceTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.portcullis.adapters.persistence.testing.TestPostgres;
import io.portcullis.application.identity.service.CredentialCache;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ReplicaRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Portcullis replicas on one PostgreSQL database, each caching validated credentials in memory: a key revoked
 * and a user suspended on one replica are refused by the other within a second, although the other had the
 * credential cached (PostgreSQL LISTEN/NOTIFY reaches it on commit).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialCacheReplicasIT {
    private static final long WITHIN_MILLIS = 1000;
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer one;
    private EmbeddedServer two;
    private String ownerSession;

    @BeforeAll
    void startTwoReplicas() {
        String database = TestPostgres.newDatabaseUrl();
        one = replica(database);
        two = replica(database);
        send(one, "POST", "/api/v2/users/first",
                "{\"email\":\"owner@example.com\",\"username\":\"owner\",\"password\":\"owner-password-1\",\"setup_code\":\""
                        + ServiceTest.SETUP_CODE + "\"}", null);
        ownerSession = login(one, "owner@example.com", "owner-password-1");
    }

    @AfterAll
    void stop() {
        if (one != null) {
            one.getApplicationContext().close();
        }
        if (two != null) {
            two.getApplicationContext().close();
        }
    }

    private static EmbeddedServer replica(String databaseUrl) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("datasources.default.url", databaseUrl,
                "datasources.default.username", "postgres", "datasources.default.password", "postgres",
                "micronaut.server.port", -1, "portcullis.data-dir", "target/unused-data-dir",
                "portcullis.encryption-keys", ServiceTest.TEST_ENCRYPTION_KEY, "portcullis.setup-code", ServiceTest.SETUP_CODE),
                Environment.TEST);
    }

    @Test
    void revokeWhenKeyCachedOnOtherReplicaThenRefusedThereWithinOneSecond() {
        String key = Json.text(send(one, "POST", "/api/v2/users/me/keys/tokens", "{\"token_name\":\"ci\"}", ownerSession)
                .body(), "key");
        assertThat(me(two, key)).isEqualTo(200);
        assertThat(me(two, key)).isEqualTo(200);
        assertThat(cache(two).size()).as("the key is cached on replica two").isPositive();

        assertThat(send(one, "DELETE", "/api/v2/users/me/keys/" + key.substring(0, 10), null, ownerSession).statusCode())
                .isEqualTo(204);
        assertThat(me(one, key)).as("at once on the revoking replica").isEqualTo(401);
        assertThat(millisUntilRefused(two, key)).isLessThan(WITHIN_MILLIS);
    }

    @Test
    void suspendWhenMemberCachedOnOtherReplicaThenRefusedThereWithinOneSecond() {
        assertThat(send(one, "POST", "/api/v2/users", "{\"email\":\"bob@example.com\",\"username\":\"bob\","
                + "\"password\":\"member-password-1\"}", ownerSession).statusCode()).isEqualTo(201);
        String bob = login(two, "bob@example.com", "member-password-1");
        assertThat(me(two, bob)).isEqualTo(200);
        assertThat(me(one, bob)).isEqualTo(200);

        assertThat(send(one, "PUT", "/api/v2/users/bob/status/suspend", null, ownerSession).statusCode()).isEqualTo(200);
        assertThat(me(one, bob)).isEqualTo(401);
        assertThat(millisUntilRefused(two, bob)).isLessThan(WITHIN_MILLIS);
        HttpResponse<String> refused = get(two, bob);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("the account that owns this token is suspended");
    }

    @Test
    void logoutWhenSessionCachedOnOtherReplicaThenRefusedThereWithinOneSecond() {
        String session = login(one, "owner@example.com", "owner-password-1");
        assertThat(me(two, session)).isEqualTo(200);
        assertThat(send(one, "POST", "/api/v2/users/logout", null, session).statusCode()).isLessThan(300);
        assertThat(millisUntilRefused(two, session)).isLessThan(WITHIN_MILLIS);
    }

    private static CredentialCache cache(EmbeddedServer replica) {
        return replica.getApplicationContext().getBean(CredentialCache.class);
    }

    /** Asks every 20 ms how long it took until the replica refused the credential (stops trying after 5 s). */
    private long millisUntilRefused(EmbeddedServer replica, String token) {
        long start = System.nanoTime();
        while (me(replica, token) != 401) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed > 5000) {
                return elapsed;
            }
            sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private int me(EmbeddedServer replica, String token) {
        return get(replica, token).statusCode();
    }

    private HttpResponse<String> get(EmbeddedServer replica, String token) {
        return send(replica, "GET", "/api/v2/users/me", null, token);
    }

    private String login(EmbeddedServer replica, String email, String password) {
        HttpResponse<String> r = send(replica, "POST", "/api/v2/users/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.text(r.body(), "session_token");
    }

    private HttpResponse<String> send(EmbeddedServer replica, String method, String path, String json, String bearer) {
        return ReplicaRequests.send(http, replica, method, path, json, bearer);
    }

    private static void sleep(long millis) {
        ReplicaRequests.sleep(millis);
    }
}

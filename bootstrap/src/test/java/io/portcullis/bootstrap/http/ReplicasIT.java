package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.OAuthFlows;
import io.portcullis.bootstrap.support.ReplicaInstance;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Portcullis instances on one PostgreSQL database (PRODUCT §12, issue 7 findings 3, 4): what one revokes the
 * other refuses, and the login and registration throttles are one throttle, not one per replica, kept across a restart. The test's own
 * instance is replica A; {@link ReplicaInstance} starts replica B with the same settings.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasIT extends OAuthFlows {
    private static final String CB = "http://127.0.0.1:7777/cb";
    private Map<String, String> properties;
    private ReplicaInstance replicaB;
    private String session;

    @Override
    public synchronized Map<String, String> getProperties() {
        if (properties == null) {
            Map<String, String> props = new HashMap<>(super.getProperties());
            props.put("portcullis.encryption-keys", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            props.put("portcullis.trusted-proxies", "127.0.0.1/32,::1/128");
            props.put("portcullis.oauth2.registrations-per-hour", "4");
            properties = Map.copyOf(props);
        }
        return properties;
    }

    @BeforeAll
    void startReplicaB() {
        replicaB = ReplicaInstance.start(getProperties());
        session = ownerSession();
    }

    @AfterAll
    void stopReplicaB() {
        if (replicaB != null) {
            replicaB.close();
        }
    }

    /** Runs {@code work} against replica B: every request helper of the base class goes there meanwhile. */
    private <T> T onB(Supplier<T> work) {
        EmbeddedServer a = server;
        server = replicaB.server();
        try {
            return work.get();
        } finally {
            server = a;
        }
    }

    private String clientId() {
        return field(register("{\"client_name\":\"agent\",\"redirect_uris\":[\"" + CB + "\"],\"token_endpoint_auth_method\":\"none\"}"),
                "client_id");
    }

    private String tokensFromA(String clientId) {
        HttpResponse<String> r = token(Map.of("grant_type", "authorization_code", "code", code(session, defaults(clientId, CB)),
                "code_verifier", VERIFIER, "client_id", clientId, "redirect_uri", CB));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> refresh(String clientId, String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId));
    }

    @Test
    void revokeWhenRefreshTokenRevokedOnAThenBRefusesItAndItsAccessTokens() {
        String clientId = clientId();
        String tokens = tokensFromA(clientId);
        HttpResponse<String> onB = onB(() -> refresh(clientId, field(tokens, "refresh_token")));
        assertThat(onB.statusCode()).isEqualTo(200);
        String access = field(onB.body(), "access_token");
        String refreshToken = field(onB.body(), "refresh_token");
        assertThat(onB(() -> get("/api/v2/users/me", "Authorization", "Bearer " + access)).statusCode()).isEqualTo(200);

        assertThat(postForm("/oauth2/revoke", Map.of("token", refreshToken, "client_id", clientId)).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = onB(() -> refresh(clientId, refreshToken));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant");
        assertThat(onB(() -> get("/api/v2/users/me", "Authorization", "Bearer " + access)).statusCode()).isEqualTo(401);
    }

    @Test
    void revokeWhenUserRevokesTheAppOnBThenARefusesItsRefreshToken() {
        String clientId = clientId();
        String tokens = tokensFromA(clientId);
        assertThat(onB(() -> delete("/api/v2/users/me/oauth2-grants/" + clientId, "Authorization", "Bearer " + session))
                .statusCode()).isEqualTo(204);
        assertThat(refresh(clientId, field(tokens, "refresh_token")).body()).contains("invalid_grant");
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + field(tokens, "access_token")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void loginWhenFailuresSpreadOverReplicasThenTheyAddUp() {
        String body = "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"wrong-password\"}";
        for (int i = 0; i < 5; i++) {
            Supplier<HttpResponse<String>> attempt = () -> postJson("/api/v2/users/login", body, "X-Forwarded-For", "198.51.100.5");
            assertThat((i % 2 == 0 ? attempt.get() : onB(attempt)).statusCode()).isEqualTo(401);
        }
        String right = "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(postJson("/api/v2/users/login", right, "X-Forwarded-For", "198.51.100.5").statusCode()).isEqualTo(429);
        assertThat(onB(() -> postJson("/api/v2/users/login", right, "X-Forwarded-For", "198.51.100.5")).statusCode())
                .isEqualTo(429);
        assertThat(onB(() -> postJson("/api/v2/users/login", right, "X-Forwarded-For", "198.51.100.6")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void loginWhenAReplicaRestartsThenFailuresCountedBeforeStillCount() {
        String wrong = "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"wrong-password\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(onB(() -> postJson("/api/v2/users/login", wrong, "X-Forwarded-For", "198.51.100.15")).statusCode())
                    .isEqualTo(401);
        }
        replicaB.close();
        replicaB = ReplicaInstance.start(getProperties());
        String right = "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(onB(() -> postJson("/api/v2/users/login", right, "X-Forwarded-For", "198.51.100.15")).statusCode())
                .isEqualTo(429);
    }

    @Test
    void registerWhenAttemptsSpreadOverReplicasThenOneLimitApplies() {
        String client = "{\"client_name\":\"agent\",\"redirect_uris\":[\"" + CB + "\"],\"token_endpoint_auth_method\":\"none\"}";
        for (int i = 0; i < 4; i++) {
            Supplier<HttpResponse<String>> attempt = () -> postJson("/oauth2/register", client, "X-Forwarded-For", "198.51.100.20");
            assertThat((i % 2 == 0 ? attempt.get() : onB(attempt)).statusCode()).isEqualTo(201);
        }
        assertThat(postJson("/oauth2/register", client, "X-Forwarded-For", "198.51.100.20").statusCode()).isEqualTo(429);
        assertThat(onB(() -> postJson("/oauth2/register", client, "X-Forwarded-For", "198.51.100.20")).statusCode()).isEqualTo(429);
    }
}

package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients identified by a Client ID Metadata Document URL (MCP 2026-07-28): the document is served on
 * loopback (the deployment allows private addresses, as in development), fetched, checked and cached.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataDocumentClientIT extends OAuthFlows {
    private static final String CB = "http://127.0.0.1:6123/callback";
    private HttpServer documents;
    private String good;
    private final Map<String, AtomicInteger> fetches = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.outbound.allow-private-addresses", "true");
        return props;
    }

    @BeforeAll
    void serveDocuments() throws Exception {
        documents = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + documents.getAddress().getPort();
        good = base + "/agent/client.json";
        serve("/agent/client.json", "{\"client_id\":\"" + good + "\",\"client_name\":\"Doc Agent\",\"redirect_uris\":[\"" + CB
                + "\"],\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"token_endpoint_auth_method\":\"none\"}");
        serve("/agent/liar.json", "{\"client_id\":\"https://someone-else.example/client.json\",\"client_name\":\"Liar\","
                + "\"redirect_uris\":[\"" + CB + "\"]}");
        documents.start();
    }

    private void serve(String path, String body) {
        documents.createContext(path, ex -> {
            fetches.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
    }

    @AfterAll
    void stopDocuments() {
        documents.stop(0);
    }

    @Test
    void flowWhenClientIdIsDocumentUrlThenConsentTokenAndGrantUseIt() {
        assertThat(Json.object(get("/.well-known/oauth-authorization-server").body()))
                .containsEntry("client_id_metadata_document_supported", true);
        String session = ownerSession();
        Consent consent = consent(session, defaults(good, CB));
        assertThat(consent.page().body()).contains("Doc Agent").contains(good).contains("app on this computer");
        HttpResponse<String> allowed = decide(session, consent, "allow");
        String code = query(allowed.headers().firstValue("Location").orElseThrow()).get("code");
        HttpResponse<String> token = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER,
                "client_id", good, "redirect_uri", CB));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer " + field(token.body(), "access_token")).statusCode())
                .isEqualTo(200);
        assertThat(fetches.get("/agent/client.json").get()).as("cached after the first fetch").isEqualTo(1);
        assertThat(Json.element(get("/api/v2/users/me/oauth2-grants", "Authorization", "Bearer " + session).body(), "client_id", good))
                .containsEntry("name", "Doc Agent");
        assertThat(delete("/api/v2/users/me/oauth2-grants/" + enc(good), "Authorization", "Bearer " + session).statusCode())
                .isEqualTo(204);
    }

    @Test
    void authorizeWhenDocumentLiesOrIsMissingThenErrorPageNeverRedirect() {
        String base = good.substring(0, good.indexOf("/agent/"));
        for (String clientId : new String[] {base + "/agent/liar.json", base + "/agent/missing.json", base + "/"}) {
            HttpResponse<String> r = get(authorizeQuery(defaults(clientId, CB)));
            assertThat(r.statusCode()).as(clientId).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }
        HttpResponse<String> unknownAtToken = token(Map.of("grant_type", "refresh_token", "refresh_token", "x",
                "client_id", base + "/agent/liar.json"));
        assertThat(unknownAtToken.statusCode()).isEqualTo(401);
        assertThat(unknownAtToken.body()).contains("invalid_client");
    }
}

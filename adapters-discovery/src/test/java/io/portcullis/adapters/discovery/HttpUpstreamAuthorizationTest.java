package io.portcullis.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Portcullis as a client of an upstream MCP server and its authorization server, against a scripted server on
 * loopback: the MCP 2026-07-28 discovery order (which addresses are asked, in which order), the exact issuer
 * comparison, the registration request, invalid_grant, and the revocation timeout.
 */
class HttpUpstreamAuthorizationTest {
    private HttpServer server;
    private String base;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Map<String, String[]> routes = new ConcurrentHashMap<>();
    private final List<String> registrations = new CopyOnWriteArrayList<>();
    private final JsonMapper json = JsonMapper.createDefault();
    private final HttpUpstreamAuthorization upstream = new HttpUpstreamAuthorization(
            new GuardedHttpClient(new OutboundGuard(true)), json);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        routes.put("POST /register", new String[] {"201", "{\"client_id\":\"registered-1\"}"});
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Routes are "METHOD /path" → {status, body[, WWW-Authenticate]}; %s in a body is the server's base URL. */
    private void answer(HttpExchange ex) throws IOException {
        String key = ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath();
        asked.add(key);
        byte[] body = ex.getRequestBody().readAllBytes();
        if (key.equals("POST /register")) {
            registrations.add(new String(body, StandardCharsets.UTF_8));
        }
        String[] route = routes.getOrDefault(key, new String[] {"404", "{}"});
        if (route[1].equals("hang")) {
            sleep(Duration.ofSeconds(8));
        }
        byte[] out = route[1].replace("%s", base).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (route.length > 2) {
            ex.getResponseHeaders().add("WWW-Authenticate", route[2].replace("%s", base));
        }
        ex.sendResponseHeaders(Integer.parseInt(route[0]), out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String asMetadata(String issuer) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"%s/authorize\",\"token_endpoint\":\"%s/token\","
                + "\"registration_endpoint\":\"%s/register\",\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"authorization_response_iss_parameter_supported\":true}";
    }

    @Test
    void discoverWhenMetadataOnlyAtOidcPathInsertThenFoundInTheSpecifiedOrderAndRegisteredAsWebApplication() throws Exception {
        routes.put("GET /mcp", new String[] {"401", "{}",
                "Bearer resource_metadata=\"%s/.well-known/oauth-protected-resource/mcp\", scope=\"files:read\""});
        routes.put("GET /.well-known/oauth-protected-resource/mcp", new String[] {"200",
                "{\"resource\":\"%s/mcp\",\"authorization_servers\":[\"%s/tenant1\"],\"scopes_supported\":[\"files:read\",\"files:write\"]}"});
        routes.put("GET /.well-known/openid-configuration/tenant1", new String[] {"200", asMetadata(base + "/tenant1")});

        Result<UpstreamAuthorizationPort.DiscoveredClient, RegistryError.UpstreamFailure> found =
                upstream.discoverAndRegister(base + "/mcp", "https://portcullis.example/cb");

        assertThat(found.isOk()).as(String.valueOf(found.isOk() ? "" : found.error())).isTrue();
        assertThat(found.value().clientId()).isEqualTo("registered-1");
        assertThat(found.value().authorizationUrl()).isEqualTo(base + "/authorize");
        assertThat(asked).containsExactly("GET /mcp", "GET /.well-known/oauth-protected-resource/mcp",
                "GET /.well-known/oauth-authorization-server/tenant1", "GET /.well-known/openid-configuration/tenant1",
                "POST /register");
        Map<?, ?> registration = json.readValue(registrations.get(0), Map.class);
        assertThat(registration.get("application_type")).isEqualTo("web");
        assertThat(registration.get("redirect_uris")).isEqualTo(List.of("https://portcullis.example/cb"));
    }

    @Test
    void discoverWhenIssuerHasAPathThenNeverTheRootAndPathAppendIsLast() {
        routes.put("GET /mcp", new String[] {"401", "{}", "Bearer resource_metadata=\"%s/prm\""});
        routes.put("GET /prm", new String[] {"200", "{\"resource\":\"%s/mcp\",\"authorization_servers\":[\"%s/t2\"]}"});
        routes.put("GET /.well-known/oauth-authorization-server", new String[] {"200", asMetadata(base + "/t2")});
        routes.put("GET /t2/.well-known/openid-configuration", new String[] {"200", asMetadata(base + "/t2")});

        assertThat(upstream.discoverAndRegister(base + "/mcp", "https://portcullis.example/cb").isOk()).isTrue();
        assertThat(asked).containsExactly("GET /mcp", "GET /prm", "GET /.well-known/oauth-authorization-server/t2",
                "GET /.well-known/openid-configuration/t2", "GET /t2/.well-known/openid-configuration", "POST /register");
    }

    @Test
    void discoverWhenIssuerDiffersOnlyByATrailingSlashOrCaseThenRefused() {
        routes.put("GET /mcp", new String[] {"401", "{}", "Bearer resource_metadata=\"%s/prm\""});
        routes.put("GET /prm", new String[] {"200", "{\"resource\":\"%s/mcp\",\"authorization_servers\":[\"%s/t3\"]}"});
        routes.put("GET /.well-known/oauth-authorization-server/t3", new String[] {"200", asMetadata(base + "/t3/")});
        routes.put("GET /.well-known/openid-configuration/t3", new String[] {"200", asMetadata(base.toUpperCase() + "/t3")});

        Result<UpstreamAuthorizationPort.DiscoveredClient, RegistryError.UpstreamFailure> found =
                upstream.discoverAndRegister(base + "/mcp", "https://portcullis.example/cb");

        assertThat(found.isOk()).isFalse();
        assertThat(found.error().message()).contains("names issuer");
        assertThat(asked).doesNotContain("POST /register");
    }

    @Test
    void discoverWhenNoResourceMetadataHintThenPathInsertThenRoot() {
        routes.put("GET /.well-known/oauth-protected-resource", new String[] {"200",
                "{\"resource\":\"%s\",\"authorization_servers\":[\"%s\"]}"});
        routes.put("GET /.well-known/oauth-authorization-server", new String[] {"200", asMetadata(base)});

        Result<UpstreamAuthorizationPort.DiscoveredClient, RegistryError.UpstreamFailure> found =
                upstream.discoverAndRegister(base + "/api/mcp", "https://portcullis.example/cb");

        assertThat(found.isOk()).isTrue();
        assertThat(found.value().issuer()).isEqualTo(base);
        assertThat(found.value().issParameterSupported()).isTrue();
        assertThat(asked).containsExactly("GET /api/mcp", "GET /.well-known/oauth-protected-resource/api/mcp",
                "GET /.well-known/oauth-protected-resource", "GET /.well-known/oauth-authorization-server", "POST /register");
    }

    @Test
    void discoverResourceWhenChallengeNamesScopeThenItAndScopesSupportedAreReported() {
        routes.put("GET /mcp", new String[] {"401", "{}",
                "Bearer error=\"invalid_token\", scope=\"files:read\", resource_metadata=\"%s/prm\""});
        routes.put("GET /prm", new String[] {"200",
                "{\"resource\":\"%s/mcp\",\"authorization_servers\":[\"%s/as\"],\"scopes_supported\":[\"a\",\"b\"]}"});

        UpstreamAuthorizationPort.ResourceDiscovery seen = upstream.discoverResource(base + "/mcp").value();

        assertThat(seen.issuer()).isEqualTo(base + "/as");
        assertThat(seen.challengeScope()).contains("files:read");
        assertThat(seen.scopesSupported()).contains("a b");
    }

    @Test
    void refreshWhenTokenEndpointAnswersInvalidGrantThenInvalidGrantFailure() {
        routes.put("POST /token", new String[] {"400", "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}"});
        routes.put("POST /other", new String[] {"400", "{\"error\":\"invalid_request\"}"});
        UpstreamAuthorizationPort.Endpoint endpoint = new UpstreamAuthorizationPort.Endpoint(base + "/token", "c", Optional.empty());

        assertThat(upstream.refresh(endpoint, "r", base + "/mcp").error()).isInstanceOf(RegistryError.UpstreamInvalidGrant.class);
        assertThat(upstream.refresh(new UpstreamAuthorizationPort.Endpoint(base + "/other", "c", Optional.empty()), "r",
                base + "/mcp").error()).isInstanceOf(RegistryError.UpstreamRejected.class);
    }

    @Test
    void revokeWhenRevocationEndpointHangsThenGivesUpWithinItsTimeout() {
        routes.put("POST /revoke", new String[] {"200", "hang"});
        Instant start = Instant.now();

        Result<Void, RegistryError.UpstreamFailure> revoked = upstream.revoke(base + "/revoke",
                new UpstreamAuthorizationPort.Endpoint(base + "/token", "c", Optional.empty()), "t", "access_token");

        assertThat(revoked.isOk()).isFalse();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(7));
    }
}

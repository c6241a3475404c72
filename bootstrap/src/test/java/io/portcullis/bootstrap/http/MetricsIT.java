package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /metrics} (PRODUCT §11): Prometheus text, HTTP requests tagged by route template and never a raw id, the
 * product counters moving with what happens, open on loopback and otherwise behind {@code metrics:read}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT extends OAuthFlows {
    static final String CB = "http://127.0.0.1:9/cb";
    private String session;

    @BeforeAll
    void owner() {
        session = ownerSession();
    }

    @Test
    void scrapeWhenRoutesWithIdsCalledThenTaggedByTemplateNeverRawIds() {
        String id = UUID.randomUUID().toString();
        assertThat(get("/api/v2/users/owner", "Authorization", "Bearer " + session).statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/users/" + id, "Authorization", "Bearer " + session).statusCode()).isEqualTo(404);
        get("/no/such/" + id);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body()).contains("http_server_requests_seconds_count{").containsPattern(
                "http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*uri=\"/api/v2/users/\\{user}\"")
                .doesNotContain(id).contains("hikaricp_connections");
    }

    @Test
    void productCountersWhenEventsHappenThenMove() {
        double failures = value("portcullis_sign_ins_total", "outcome=\"failure\"");
        double successes = value("portcullis_sign_ins_total", "outcome=\"success\"");
        double registrations = value("portcullis_client_registrations_total", "outcome=\"registered\"");
        double reuse = value("portcullis_refresh_reuse_detected_total", "");
        double issuedCodes = value("portcullis_token_requests_total", "grant=\"authorization_code\",outcome=\"issued\"");
        double refusedRefresh = value("portcullis_token_requests_total", "grant=\"refresh_token\",outcome=\"invalid_grant\"");
        double unknownServer = value("portcullis_gateway_upstream_seconds_count", "outcome=\"not_published\",server=\"unknown\"");

        postJson("/api/v2/users/login", "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"wrong-password\"}");
        login(OWNER_EMAIL, PASSWORD);
        String client = field(register("{\"client_name\":\"m\",\"redirect_uris\":[\"" + CB + "\"],"
                + "\"token_endpoint_auth_method\":\"none\"}"), "client_id");
        HttpResponse<String> first = token(Map.of("grant_type", "authorization_code", "code", code(session, defaults(client, CB)),
                "code_verifier", VERIFIER, "client_id", client, "redirect_uri", CB));
        assertThat(first.statusCode()).isEqualTo(200);
        String refresh = field(first.body(), "refresh_token");
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", client)).statusCode())
                .isEqualTo(200);
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", client)).body())
                .contains("invalid_grant");
        HttpResponse<String> gateway = postJson("/mcp/no-such-server-" + UUID.randomUUID(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Authorization", "Bearer " + session);
        assertThat(gateway.statusCode()).as(gateway.body()).isEqualTo(404);

        assertThat(value("portcullis_sign_ins_total", "outcome=\"failure\"")).isEqualTo(failures + 1);
        assertThat(value("portcullis_sign_ins_total", "outcome=\"success\"")).isEqualTo(successes + 1);
        assertThat(value("portcullis_client_registrations_total", "outcome=\"registered\"")).isEqualTo(registrations + 1);
        assertThat(value("portcullis_token_requests_total", "grant=\"authorization_code\",outcome=\"issued\""))
                .isEqualTo(issuedCodes + 1);
        assertThat(value("portcullis_token_requests_total", "grant=\"refresh_token\",outcome=\"invalid_grant\""))
                .isEqualTo(refusedRefresh + 1);
        assertThat(value("portcullis_refresh_reuse_detected_total", "")).isEqualTo(reuse + 1);
        assertThat(value("portcullis_gateway_upstream_seconds_count", "outcome=\"not_published\",server=\"unknown\""))
                .isEqualTo(unknownServer + 1);
        assertThat(get("/metrics").body()).doesNotContain("no-such-server");
    }

    @Test
    void scrapeWhenNotFromLoopbackThenNeedsMetricsReadScope() {
        String[] proxied = {"X-Forwarded-For", "203.0.113.7"};
        HttpResponse<String> anonymous = get("/metrics", proxied);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        String narrow = createToken(session, "narrow", "\"scopes\":[\"user:read\"]");
        HttpResponse<String> refused = get("/metrics", "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer " + narrow);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"metrics:read\"");
        String scraper = createToken(session, "scraper", "\"scopes\":[\"metrics:read\"]");
        HttpResponse<String> allowed = get("/metrics", "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer " + scraper);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("portcullis_");
    }

    /** The value of the sample {@code name{...labels...}} (0 when absent), read from a fresh scrape. */
    private double value(String name, String labels) {
        String body = get("/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(body);
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            if (found.contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}

package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The per-client-address limit of PRODUCT §10 holds at the aggregated {@code /mcp} as at {@code /mcp/<slug>}: calls
 * from one address (as resolved behind a trusted proxy) are refused 429 with {@code Retry-After} once the address's
 * budget for the second is spent, whichever key they carry, while another address is served.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpAggregateLimitsIT extends ServiceTest {
    private static final int PER_ADDRESS = 4;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");
    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer upstream;
    private List<String> keys;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.outbound.allow-private-addresses", "true");
        props.put("portcullis.trusted-proxies", "127.0.0.0/8,::1/128");
        props.put("portcullis.limits.requests-per-second-per-token", "0");
        props.put("portcullis.limits.requests-per-second-per-address", String.valueOf(PER_ADDRESS));
        return props;
    }

    @BeforeAll
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/mcp", ex -> {
            Matcher id = ID.matcher(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!id.find()) {
                ex.sendResponseHeaders(202, -1);
                ex.close();
                return;
            }
            calls.incrementAndGet();
            byte[] out = ("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        upstream.start();
        String session = ownerSession();
        assertThat(postJson("/api/v2/mcp/servers", "{\"display_name\":\"Work\",\"slug\":\"work\",\"url\":\"http://127.0.0.1:"
                + upstream.getAddress().getPort() + "/mcp\",\"auth_type\":\"none\",\"enabled\":true,\"availability\":\"force_on\"}",
                "Authorization", "Bearer " + session).statusCode()).isEqualTo(201);
        keys = List.of(createToken(session, "one", "\"scopes\":[\"mcp_gateway:use\"]"),
                createToken(session, "two", "\"scopes\":[\"mcp_gateway:use\"]"));
    }

    @AfterAll
    void stop() {
        upstream.stop(0);
    }

    private HttpResponse<String> call(String key, String forwardedFor) {
        return send(request("/mcp", "Authorization", "Bearer " + key, "X-Forwarded-For", forwardedFor)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"work__run\"}}"))
                .build());
    }

    @Test
    void aggregateWhenOneAddressSpendsItsBudgetThenRefused429WhateverTheKeyAndAnotherAddressIsServed() {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> r = call(keys.get(i % 2), "203.0.113.7");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).contains("\"done\"");
            }
        }
        assertThat(refused).as("a burst from one address through /mcp meets the per-address limit").isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("too many requests per second for this client address");
        HttpResponse<String> other = call(keys.get(0), "203.0.113.8");
        assertThat(other.statusCode()).as("another client address has its own budget: %s", other.body()).isEqualTo(200);
    }
}

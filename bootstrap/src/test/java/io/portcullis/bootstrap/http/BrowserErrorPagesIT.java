package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.Json;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Browsers get HTML 404 and error pages; API clients keep the REST JSON, OAuth endpoints OAuth JSON (PRODUCT §11). */
@MicronautTest
class BrowserErrorPagesIT extends ServiceTest {
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("portcullis.test.failing-route", "true");
        return props;
    }

    @Test
    void unknownPathWhenBrowserThenHtmlPageWithPageHeaders() {
        HttpResponse<String> r = get("/no/such/page", "Accept", BROWSER);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).startsWith("<!doctype html>").contains("Page not found").contains("/assets/portcullis.css");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void unknownPathWhenApiClientThenRestJson() {
        for (String accept : new String[] {"application/json", "*/*", null}) {
            HttpResponse<String> r = accept == null ? get("/no/such/page") : get("/no/such/page", "Accept", accept);
            assertThat(r.statusCode()).as(accept).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(accept).startsWith("application/json");
            assertThat(Json.firstField(r.body())).as(accept).isEqualTo("message");
        }
        HttpResponse<String> api = get("/api/v2/no-such-thing", "Accept", BROWSER);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(Json.firstField(api.body())).isEqualTo("message");
    }

    @Test
    void oauthEndpointWhenBrowserThenStillOAuthJson() {
        HttpResponse<String> r = get("/oauth2/token", "Accept", BROWSER);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(Json.object(r.body())).containsEntry("error", "invalid_request");
    }

    @Test
    void pageRouteWhenWrongMethodFromBrowserThenHtml() {
        HttpResponse<String> r = send(request("/login", "Accept", BROWSER).DELETE().build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).contains("<h1>Not allowed</h1>");
    }

    @Test
    void unexpectedErrorWhenBrowserThenHtmlPageWithCorrelationIdAndNoTrace() {
        HttpResponse<String> page = get("/test/fail", "Accept", BROWSER);
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("Something went wrong").containsPattern("correlation id [0-9a-f-]{36}")
                .doesNotContain("Exception").doesNotContain("internals").doesNotContain("at io.");
        HttpResponse<String> api = get("/api/v2/test/fail", "Accept", BROWSER);
        assertThat(api.statusCode()).isEqualTo(500);
        assertThat(Json.object(api.body())).containsKeys("message", "detail");
        assertThat(api.body()).doesNotContain("Exception").doesNotContain("internals");
        HttpResponse<String> json = get("/test/fail", "Accept", "application/json");
        assertThat(Json.firstField(json.body())).isEqualTo("message");
    }
}

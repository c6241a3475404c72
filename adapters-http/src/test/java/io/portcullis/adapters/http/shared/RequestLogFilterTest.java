package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request log line in both formats. */
class RequestLogFilterTest {
    @Test
    void lineWhenTextThenSpaceSeparatedFields() {
        assertThat(new RequestLogFilter("text", new ClientAddressResolver(java.util.List.of())).line("GET", "/api/v2/users/{user}", 200, 12, "127.0.0.1"))
                .isEqualTo("GET /api/v2/users/{user} 200 12ms 127.0.0.1");
    }

    @Test
    void lineWhenJsonThenOneEscapedObject() {
        assertThat(new RequestLogFilter("json", new ClientAddressResolver(java.util.List.of())).line("POST", "/a\"b\\c\n", 401, 3, "::1"))
                .isEqualTo("{\"method\":\"POST\",\"route\":\"/a\\\"b\\\\c\\u000a\",\"status\":401,\"ms\":3,\"client\":\"::1\"}");
    }

    @Test
    void withoutPatternsWhenVariableCarriesARegexThenOnlyItsNameRemains() {
        assertThat(RequestLogFilter.withoutPatterns("/api/v2/users/{user:(?!me$)[^/?#]+}")).isEqualTo("/api/v2/users/{user}");
        assertThat(RequestLogFilter.withoutPatterns("/api/v2/users/{user}/keys/{id}")).isEqualTo("/api/v2/users/{user}/keys/{id}");
        assertThat(RequestLogFilter.withoutPatterns("/healthz")).isEqualTo("/healthz");
    }
}

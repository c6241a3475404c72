package io.portcullis.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceUriTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://Example.COM, https://example.com/",
        "HTTPS://example.com/, https://example.com/",
        "https://example.com:443/mcp, https://example.com/mcp",
        "http://example.com:80/mcp, http://example.com/mcp",
        "http://example.com:8080/mcp, http://example.com:8080/mcp",
        "https://example.com:80/mcp, https://example.com:80/mcp",
        "https://example.com/mcp/, https://example.com/mcp",
        "https://example.com/mcp//, https://example.com/mcp",
        "https://example.com/a/./b/../c, https://example.com/a/c",
        "https://example.com/a/../../b, https://example.com/b",
        "https://example.com/mcp#frag, https://example.com/mcp",
        "https://example.com/mcp?x=1, https://example.com/mcp?x=1",
        "https://bücher.example/mcp, https://xn--bcher-kva.example/mcp",
        "http://[::1]:8080/mcp, http://[::1]:8080/mcp",
        "http://127.0.0.1:3000, http://127.0.0.1:3000/",
        "https://example.com/MCP, https://example.com/MCP",
    })
    void parseWhenVariantThenCanonical(String raw, String canonical) {
        assertThat(ResourceUri.parse(raw).value()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "/relative", "mcp", "ftp://example.com/x", "https://user:pw@example.com/",
        "javascript:alert(1)", "https://exa mple.com/", "http://"})
    void parseWhenNotAbsoluteHttpThenRejected(String raw) {
        assertThatThrownBy(() -> ResourceUri.parse(raw)).isInstanceOf(DomainValidationException.class);
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "https://h.example/mcp, https://h.example/mcp, true",
        "https://h.example/mcp, https://h.example/mcp/, true",
        "https://h.example/mcp, https://h.example/mcp/tools, true",
        "https://h.example/mcp, https://h.example/mcp-other, false",
        "https://h.example/mcp, https://h.example/, false",
        "https://h.example/, https://h.example/anything/below, true",
        "https://h.example, https://H.EXAMPLE:443/api/v2/users, true",
        "https://h.example/mcp, http://h.example/mcp, false",
        "https://h.example/mcp, https://h.example:8443/mcp, false",
        "https://h.example/mcp, https://other.example/mcp, false",
        "https://h.example/mcp, https://h.example/x/../mcp/a, true",
        "https://h.example/mcp?t=1, https://h.example/mcp?t=2, false",
    })
    void coversWhenComparedThenPathBoundaryRuleHolds(String audience, String requested, boolean expected) {
        assertThat(ResourceUri.parse(audience).covers(ResourceUri.parse(requested))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void constructorWhenNotCanonicalThenRejected() {
        assertThatThrownBy(() -> new ResourceUri("HTTPS://x.example/")).isInstanceOf(DomainValidationException.class);
        assertThat(new ResourceUri("https://x.example/").value()).isEqualTo("https://x.example/");
    }
}

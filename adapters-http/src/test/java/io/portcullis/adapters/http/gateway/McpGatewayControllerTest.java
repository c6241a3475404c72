package io.portcullis.adapters.http.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.Test;

class McpGatewayControllerTest {
    @Test
    void forwardedWhenHeadersInAnyCaseThenMcpOnesPassUnderLowerCaseNamesAndCredentialsDoNot() {
        MutableHttpRequest<?> request = HttpRequest.POST("/mcp/tools", "{}")
                .header("CONTENT-TYPE", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", "s-1").header("mcp-protocol-version", "2026-07-28").header("Last-Event-ID", "7")
                .header("MCP-Method", "tools/call").header("Mcp-Name", "ls").header("Mcp-Param-Region", "eu")
                .header("Authorization", "Bearer secret").header("Cookie", "portcullis_session=x").header("X-Other", "1")
                .header("Mcp-Sessions", "not ours");
        assertThat(McpGatewayController.forwarded(request)).containsOnlyKeys("content-type", "accept", "mcp-session-id",
                        "mcp-protocol-version", "last-event-id", "mcp-method", "mcp-name", "mcp-param-region")
                .containsEntry("content-type", "application/json").containsEntry("mcp-method", "tools/call")
                .containsEntry("mcp-param-region", "eu").containsEntry("last-event-id", "7");
    }

    @Test
    void forwardedWhenHeaderRepeatedThenTheFirstValuePasses() {
        MutableHttpRequest<?> request = HttpRequest.POST("/mcp/tools", "{}").header("Mcp-Session-Id", "first")
                .header("Mcp-Session-Id", "second");
        assertThat(McpGatewayController.forwarded(request)).containsEntry("mcp-session-id", "first");
    }
}

package io.portcullis.adapters.http.pages;

/** View model of {@code connected.jte}: the upstream MCP server the user's account is now connected to. */
public record ConnectedPage(String serverName) {
}

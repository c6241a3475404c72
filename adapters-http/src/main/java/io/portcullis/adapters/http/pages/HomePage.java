package io.portcullis.adapters.http.pages;

import java.util.List;

/** View model of {@code home.jte}: who is signed in, their MCP servers and the apps they authorized. */
public record HomePage(String csrfToken, String username, String email, boolean owner, List<Server> servers,
        List<App> apps) {

    /** How the user reaches an MCP server: no sign-in needed, or their upstream OAuth connection. */
    public enum Connection { READY, CONNECTED, NOT_CONNECTED }

    /** A published MCP server with its gateway URL. */
    public record Server(String id, String displayName, String gatewayUrl, Connection status) {
    }

    /** An authorized app; {@code pathId} is its client id encoded for a URL path. */
    public record App(String pathId, String displayName, String scopes) {
    }
}

package io.portcullis.domain.audit;

import java.util.Arrays;
import java.util.Optional;

/** What an audit entry records (PRODUCT §11); {@link #wire()} is the name stored and shown. */
public enum AuditAction {
    LOGIN_SUCCESS("login.success"),
    LOGIN_FAILURE("login.failure"),
    LOGIN_THROTTLED("login.throttled"),
    USER_CREATE("user.create"),
    USER_UPDATE("user.update"),
    USER_SUSPEND("user.suspend"),
    USER_ACTIVATE("user.activate"),
    USER_ROLE("user.role"),
    USER_PASSWORD("user.password"),
    USER_DELETE("user.delete"),
    API_KEY_CREATE("api_key.create"),
    API_KEY_DELETE("api_key.delete"),
    OAUTH2_CONSENT_ALLOW("oauth2.consent.allow"),
    OAUTH2_CONSENT_DENY("oauth2.consent.deny"),
    OAUTH2_TOKEN_ISSUE("oauth2.token.issue"),
    OAUTH2_REFRESH_REUSE_DETECTED("oauth2.refresh.reuse_detected"),
    OAUTH2_REVOKE("oauth2.revoke"),
    OAUTH2_CLIENT_REGISTER("oauth2.client.register"),
    OAUTH2_CLIENT_UPDATE("oauth2.client.update"),
    OAUTH2_CLIENT_DELETE("oauth2.client.delete"),
    OAUTH2_APP_CREATE("oauth2.app.create"),
    OAUTH2_APP_UPDATE("oauth2.app.update"),
    OAUTH2_APP_DELETE("oauth2.app.delete"),
    OAUTH2_APP_SECRET_CREATE("oauth2.app.secret.create"),
    OAUTH2_APP_SECRET_DELETE("oauth2.app.secret.delete"),
    OAUTH2_RESOURCE_CREATE("oauth2.resource.create"),
    OAUTH2_RESOURCE_UPDATE("oauth2.resource.update"),
    OAUTH2_RESOURCE_DELETE("oauth2.resource.delete"),
    MCP_SERVER_CREATE("mcp_server.create"),
    MCP_SERVER_UPDATE("mcp_server.update"),
    MCP_SERVER_DELETE("mcp_server.delete"),
    MCP_SERVER_CONNECT("mcp_server.connect"),
    MCP_SERVER_DISCONNECT("mcp_server.disconnect"),
    MCP_SERVER_REFRESH_FAILED("mcp_server.refresh_failed"),
    KEYS_REENCRYPT("keys.reencrypt"),
    SIGNING_KEY_ROTATE("signing_key.rotate");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AuditAction> fromWire(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst();
    }
}

package io.portcullis.domain.registry;

/** Where the gateway publishes registry servers below the access URL: {@code /mcp/<slug>}. */
public final class GatewayPaths {
    public static final String PREFIX = "/mcp/";

    private GatewayPaths() {
    }
}

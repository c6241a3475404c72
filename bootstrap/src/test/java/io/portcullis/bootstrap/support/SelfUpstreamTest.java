package io.portcullis.bootstrap.support;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP tests where Portcullis is its own upstream authorization server: a fixed free port known before start-up, the
 * access URL on it (so the issuer and resources it discovers are its own), and outbound calls allowed to loopback.
 */
public abstract class SelfUpstreamTest extends OAuthFlows {
    protected final int port = freePort();

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("micronaut.server.port", String.valueOf(port));
        props.put("portcullis.access-url", "http://localhost:" + port);
        props.put("portcullis.outbound.allow-private-addresses", "true");
        return props;
    }
}

package io.portcullis.bootstrap.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * One more Portcullis instance in this JVM, for tests that need several replicas: same settings (so the same
 * PostgreSQL database and encryption keys) as the test's own instance, its own random port. Close it when done.
 */
public final class ReplicaInstance implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private ReplicaInstance(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    /** Starts an instance with {@code properties} (the test environment's settings apply underneath). */
    public static ReplicaInstance start(Map<String, ?> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("micronaut.server.port", -1);
        ApplicationContext context = ApplicationContext.builder().environments("test").properties(props).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        return new ReplicaInstance(context, server);
    }

    public EmbeddedServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }
}

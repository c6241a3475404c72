package io.portcullis.adapters.http.security;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Protected resources below the access URL that have their own identifier (and PRM document). The
 * REST API itself is the access URL; the MCP endpoint will register here when it exists.
 */
@Singleton
public final class ProtectedResources {
    private final Map<String, String> byPath = Map.of();

    public Optional<String> nameOf(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}

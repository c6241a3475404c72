package io.portcullis.application.gateway.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upstream MCP sessions the aggregated server holds, one per user and server, in this replica's memory (at most
 * {@value #MAX}; a replica that has none for a user simply initializes its own). Nothing here bounds anything a caller
 * could abuse: a lost entry costs one {@code initialize}.
 */
final class UpstreamSessions {
    static final int MAX = 10_000;
    private final Map<String, Session> held = new ConcurrentHashMap<>();

    /** A session: its id (empty when the server keeps none) and the protocol version it negotiated. */
    record Session(String id, String protocolVersion) {
        static final Session NONE = new Session("", "");

        boolean held() {
            return !id.isEmpty();
        }

        /** The headers of a request on this session. */
        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            headers.put("accept", "application/json, text/event-stream");
            if (!id.isEmpty()) {
                headers.put("mcp-session-id", id);
            }
            if (!protocolVersion.isEmpty()) {
                headers.put("mcp-protocol-version", protocolVersion);
            }
            return headers;
        }
    }

    Optional<Session> get(Principal actor, PublishedServer server) {
        return Optional.ofNullable(held.get(key(actor, server)));
    }

    void keep(Principal actor, PublishedServer server, Session session) {
        if (held.size() >= MAX) {
            held.clear(); // a rare reset beats unbounded growth: each entry is one initialize away
        }
        held.put(key(actor, server), session);
    }

    void forget(Principal actor, PublishedServer server) {
        held.remove(key(actor, server));
    }

    private static String key(Principal actor, PublishedServer server) {
        return actor.user().id() + "/" + server.id();
    }
}

package io.portcullis.domain.gateway;

import io.portcullis.domain.registry.RegistryError;

/** Why the gateway did not relay an MCP request, or could not relay its answer; mapped to HTTP at the edge. */
public sealed interface GatewayError {
    String message();

    /** The request body is not JSON (JSON-RPC parse error, -32700). */
    record MalformedMessage() implements GatewayError {
        @Override
        public String message() {
            return "Parse error: the body is not JSON";
        }
    }

    /** A request metadata header ({@code Mcp-Name}) says another thing than the body (JSON-RPC -32020). */
    record HeaderMismatch(String header, String value) implements GatewayError {
        @Override
        public String message() {
            return "Header mismatch: the " + header + " header does not match the request body";
        }
    }

    /** No enabled MCP server is published at {@code /mcp/<slug>}. */
    record NotPublished(String slug) implements GatewayError {
        @Override
        public String message() {
            return "no MCP server is published at this path";
        }
    }

    /** The caller's API key is limited to other MCP servers. */
    record NotAllowed(String slug) implements GatewayError {
        @Override
        public String message() {
            return "this key's allow list does not include that MCP server";
        }
    }

    /** The server's tool policy refuses {@code tool}: denied, or missing from a non-empty allow list. */
    record ToolForbidden(String tool, boolean denied) implements GatewayError {
        @Override
        public String message() {
            return denied ? "tool '" + tool + "' is denied on this MCP server"
                    : "tool '" + tool + "' is not in this MCP server's allow list";
        }
    }

    /**
     * Portcullis holds no usable upstream credentials for this user (the registry says why); {@code serverId}
     * names the server, so a user who is not connected can be told where to connect.
     */
    record NoCredentials(RegistryError cause, String serverId) implements GatewayError {
        @Override
        public String message() {
            return cause.message();
        }
    }

    /** The upstream server could not be reached, was too slow, or answered too much. */
    record UpstreamUnreachable(String url, String reason) implements GatewayError {
        @Override
        public String message() {
            return "the MCP server could not be reached: " + reason;
        }
    }

    /** The upstream refused the credentials Portcullis holds for the user (HTTP 401/403 upstream). */
    record UpstreamRefusedCredentials(int status) implements GatewayError {
        @Override
        public String message() {
            return "the MCP server refused the credentials Portcullis holds for you; reconnect the server and retry";
        }
    }

    /**
     * A request rate limit of PRODUCT §10 ({@code limit}: {@code token} or {@code client_address}) is used up for
     * this second; the caller may retry after {@code retryAfterSeconds}.
     */
    record RateLimited(String limit, long retryAfterSeconds) implements GatewayError {
        @Override
        public String message() {
            return "too many requests per second for this " + (limit.equals("token") ? "token" : "client address")
                    + "; retry after " + retryAfterSeconds + " s";
        }
    }

    /** The upstream server already has as many requests in flight as {@code portcullis.limits} allow. */
    record ServerBusy(String slug) implements GatewayError {
        @Override
        public String message() {
            return "the MCP server at /mcp/" + slug + " has as many requests in flight as allowed; retry shortly";
        }
    }
}

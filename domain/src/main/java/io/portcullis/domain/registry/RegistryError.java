package io.portcullis.domain.registry;

/**
 * Business refusals of the registry context (MCP servers, upstream connections and credentials), each stating
 * what went wrong; the HTTP adapter maps every record to one REST status.
 */
public sealed interface RegistryError {
    String message();

    /** The server (or the user's connection to it) does not exist, or the caller may not see it. */
    record NotFound(String message) implements RegistryError {
    }

    /** The caller may see the server but not do this to it. */
    record Forbidden(String message) implements RegistryError {
    }

    /** Another server already uses {@code slug}. */
    record Conflict(String slug) implements RegistryError {
        @Override
        public String message() {
            return "an MCP server with slug '" + slug + "' already exists";
        }
    }

    /** A field of the request is unusable. */
    record Invalid(String field, String message) implements RegistryError {
    }

    /** The user holds no usable upstream token for {@code server}: never connected, expired, or refused at refresh. */
    record NotConnected(String server, String reason) implements RegistryError {
        @Override
        public String message() {
            return "connect to " + server + " first (" + reason + ")";
        }
    }

    /** OAuth discovery or RFC 7591 registration at the server's authorization server failed. */
    record DiscoveryFailed(UpstreamFailure cause) implements RegistryError {
        @Override
        public String message() {
            return "OAuth2 auto-discovery failed: " + cause.message() + ". Provide oauth2_client_id, oauth2_auth_url and"
                    + " oauth2_token_url, or make sure the server supports RFC 9728 and RFC 7591.";
        }
    }

    /** The upstream token endpoint did not exchange the authorization code. */
    record TokenExchangeFailed(UpstreamFailure cause) implements RegistryError {
        @Override
        public String message() {
            return "the token exchange failed: " + cause.message();
        }
    }

    /** What went wrong talking to an upstream server or its authorization server. */
    sealed interface UpstreamFailure extends RegistryError {
        String reason();

        @Override
        default String message() {
            return reason();
        }
    }

    /** No answer: refused by the outbound guard, unreachable, too slow, or too large; {@code reason} names the URL. */
    record UpstreamUnreachable(String url, String reason) implements UpstreamFailure {
    }

    /** The token endpoint answered {@code invalid_grant} (RFC 6749 §5.2): the grant is gone, the user must connect again. */
    record UpstreamInvalidGrant(String reason) implements UpstreamFailure {
    }

    /** An answer that does not do what the protocol step ({@code step}) requires. */
    record UpstreamRejected(String step, String reason) implements UpstreamFailure {
    }
}

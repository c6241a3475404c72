package io.portcullis.domain.oauth;

/**
 * Why the client a request names cannot be used: unknown, an unusable client_id URL, or a Client ID
 * Metadata Document that could not be fetched or breaks its rules. {@link #message()} is the sentence shown
 * to the user at the authorization endpoint; {@link #asInvalidClient()} the answer at the token endpoint.
 */
public sealed interface ClientResolutionError {
    String message();

    /** RFC 6749 §5.2 {@code invalid_client}; an unknown client is not described further. */
    default OAuthError asInvalidClient() {
        return new OAuthError.InvalidClient(message());
    }

    record MissingClientId() implements ClientResolutionError {
        @Override
        public String message() {
            return "The request has no client_id.";
        }
    }

    record NotRegistered() implements ClientResolutionError {
        @Override
        public String message() {
            return "No application is registered with this client_id.";
        }

        @Override
        public OAuthError asInvalidClient() {
            return new OAuthError.InvalidClient("unknown client");
        }
    }

    /** The client_id is a URL that cannot name a metadata document; {@code problem} says why. */
    record UnusableUrl(String problem) implements ClientResolutionError {
        @Override
        public String message() {
            return "The client_id cannot be used: " + problem + ".";
        }
    }

    /** The metadata document could not be fetched or read; {@code reason} says why. */
    record DocumentUnavailable(String reason) implements ClientResolutionError {
        @Override
        public String message() {
            return "The client's metadata document could not be used: " + reason;
        }
    }

    record DocumentNamesOtherClient() implements ClientResolutionError {
        @Override
        public String message() {
            return "The client's metadata document names a different client_id.";
        }
    }

    record DocumentHasSecret() implements ClientResolutionError {
        @Override
        public String message() {
            return "A client metadata document must not contain a client secret.";
        }
    }

    record DocumentNotPublic() implements ClientResolutionError {
        @Override
        public String message() {
            return "Clients identified by a metadata document must be public (token_endpoint_auth_method none).";
        }
    }

    /** The document's metadata breaks an RFC 7591 rule. */
    record DocumentInvalid(OAuthError error) implements ClientResolutionError {
        @Override
        public String message() {
            return "The client's metadata document is invalid: " + error.description();
        }
    }
}

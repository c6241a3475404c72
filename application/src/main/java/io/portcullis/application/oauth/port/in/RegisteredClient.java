package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.OAuthClient;
import java.util.Optional;

/** A client as just registered, with the secrets shown this once. */
public record RegisteredClient(OAuthClient client, Optional<String> clientSecret, Optional<String> registrationAccessToken) {
    @Override
    public String toString() {
        return "RegisteredClient[" + client.id() + "]";
    }
}

package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.in.AuthenticateClientUseCase;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.domain.oauth.ClientResolutionError;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.ClientType;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Client authentication (RFC 6749 §2.3): finds the client the credentials name, then checks the secret of a
 * confidential client or the absence of one for a public client. Secrets are compared by digest.
 */
public final class AuthenticateClientService implements AuthenticateClientUseCase {
    private static final OAuthError BAD_CLIENT = new OAuthError.InvalidClient("client authentication failed");
    private final ClientDirectory clients;
    private final ClientSecretRepository secrets;
    private final Clock clock;

    public AuthenticateClientService(ClientDirectory clients, ClientSecretRepository secrets, Clock clock) {
        this.clients = clients;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Result<OAuthClient, OAuthError> authenticate(ClientCredentials credentials) {
        if (credentials.clientId() == null) {
            return Result.err(new OAuthError.InvalidClient("client_id is required"));
        }
        Result<OAuthClient, ClientResolutionError> found = clients.resolve(credentials.clientId());
        if (!found.isOk()) {
            return Result.err(found.error().asInvalidClient());
        }
        OAuthClient client = found.value();
        if (client.clientType() == ClientType.PUBLIC) {
            return credentials.clientSecret() == null ? Result.ok(client)
                    : Result.err(new OAuthError.InvalidClient("this is a public client: send client_id only, no secret"));
        }
        if (credentials.clientSecret() == null) {
            return Result.err(new OAuthError.InvalidClient("this client must authenticate with its client secret"));
        }
        Optional<PrefixedSecret> presented = PrefixedSecret.parse(credentials.clientSecret());
        Optional<ClientSecret> stored = presented.flatMap(p -> secrets.findByPrefix(p.prefix()));
        if (stored.isEmpty() || !stored.get().clientId().equals(client.id())
                || !stored.get().digest().matches(presented.get().secret())) {
            return Result.err(BAD_CLIENT);
        }
        Instant now = clock.instant();
        if (stored.get().lastUsedDue(now)) {
            secrets.touch(stored.get().id(), now);
        }
        return Result.ok(client);
    }
}

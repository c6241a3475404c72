package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.oauth.port.in.RegisterClientUseCase;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientType;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.SecretDigest;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Open client registration (RFC 7591 §3) and its management protocol (RFC 7592 §2), where the registration
 * access token handed out at registration is the only credential.
 */
public final class RegisterClientService implements RegisterClientUseCase {
    private static final OAuthError BAD_REGISTRATION_TOKEN =
            new OAuthError.InvalidToken("the registration access token is not valid for this client");
    private final OAuthClientRepository clients;
    private final ClientSecretIssuer secrets;
    private final UnitOfWork unitOfWork;
    private final RandomSource random;
    private final Clock clock;
    private final InvalidateCredentialsUseCase credentials;
    private final AuditTrail audit;

    public RegisterClientService(OAuthClientRepository clients, ClientSecretIssuer secrets, UnitOfWork unitOfWork,
            RandomSource random, Clock clock,
            InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        this.audit = audit;
        this.credentials = credentials;
        this.clients = clients;
        this.secrets = secrets;
        this.unitOfWork = unitOfWork;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Result<RegisteredClient, OAuthError> register(ClientMetadata.Raw raw, ClientAddress from) {
        return ClientMetadata.validate(raw).map(metadata -> unitOfWork.inTransaction(() -> {
            PrefixedSecret registrationToken = PrefixedSecret.mint(random);
            Instant now = clock.instant();
            OAuthClient client = new OAuthClient(random.uuid(), metadata, Optional.of(SecretDigest.of(registrationToken.presentable())),
                    true, now, now);
            clients.insert(client);
            Optional<String> secret = client.clientType() == ClientType.CONFIDENTIAL
                    ? Optional.of(secrets.issue(client.id()).plaintext()) : Optional.empty();
            audit.record(event(AuditAction.OAUTH2_CLIENT_REGISTER, client, from));
            return new RegisteredClient(client, secret, Optional.of(registrationToken.presentable()));
        }));
    }

    @Override
    public Result<OAuthClient, OAuthError> read(String clientId, String registrationAccessToken) {
        return registeredClient(clientId, registrationAccessToken);
    }

    @Override
    public Result<OAuthClient, OAuthError> update(String clientId, String token, ClientMetadata.Raw raw, ClientAddress from) {
        return registeredClient(clientId, token).flatMap(client -> ClientMetadata.validate(raw).flatMap(metadata -> {
            if (metadata.clientType() != client.clientType()) {
                return Result.err(new OAuthError.InvalidClientMetadata(
                        "token_endpoint_auth_method cannot change between public and confidential"));
            }
            OAuthClient updated = client.withMetadata(metadata, clock.instant());
            return Result.ok(audit.recording(() -> {
                clients.update(updated);
                return updated;
            }, c -> event(AuditAction.OAUTH2_CLIENT_UPDATE, c, from)));
        }));
    }

    @Override
    public Result<Void, OAuthError> delete(String clientId, String token, ClientAddress from) {
        return registeredClient(clientId, token).map(client -> {
            audit.recording(() -> {
                clients.delete(client.id());
                return client;
            }, c -> event(AuditAction.OAUTH2_CLIENT_DELETE, c, from));
            credentials.clientRevoked(client.id());
            return null;
        });
    }

    /** The client acts on itself (RFC 7591/7592): it is both the actor and the target. */
    private static AuditEvent event(AuditAction action, OAuthClient client, ClientAddress from) {
        return AuditEvent.of(action, AuditActor.client(client.id().toString(), from)).target("oauth2_client", client.id())
                .detail("client_name=" + client.metadata().clientName());
    }

    private Result<OAuthClient, OAuthError> registeredClient(String clientId, String token) {
        Optional<OAuthClient> client = Uuids.parse(clientId).flatMap(clients::findById);
        if (client.isEmpty() || token == null || client.get().registrationTokenDigest().isEmpty()
                || !client.get().registrationTokenDigest().get().matches(token)) {
            return Result.err(BAD_REGISTRATION_TOKEN);
        }
        return Result.ok(client.get());
    }
}

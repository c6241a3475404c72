package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ManageClientsUseCase;
import io.portcullis.application.oauth.port.in.RegisterClientUseCase;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.ClientType;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthErrorCode;
import io.portcullis.domain.oauth.PrefixedSecret;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.SecretDigest;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * OAuth clients: open registration (RFC 7591/7592) and the owners' management API. Both share the
 * metadata rules and the secret issuance, so they live in one service.
 */
public final class ClientService implements RegisterClientUseCase, ManageClientsUseCase {
    private static final OAuthError BAD_REGISTRATION_TOKEN =
            new OAuthError(OAuthErrorCode.INVALID_TOKEN, "the registration access token is not valid for this client");
    private final OAuthClientRepository clients;
    private final ClientSecretRepository secrets;
    private final UnitOfWork unitOfWork;
    private final RandomSource random;
    private final Clock clock;

    public ClientService(OAuthClientRepository clients, ClientSecretRepository secrets, UnitOfWork unitOfWork,
            RandomSource random, Clock clock) {
        this.clients = clients;
        this.secrets = secrets;
        this.unitOfWork = unitOfWork;
        this.random = random;
        this.clock = clock;
    }

    // ---- RFC 7591 / 7592 ----

    @Override
    public Result<RegisteredClient, OAuthError> register(ClientMetadata.Raw raw) {
        return ClientMetadata.validate(raw).map(metadata -> unitOfWork.inTransaction(() -> {
            PrefixedSecret registrationToken = PrefixedSecret.mint(random);
            Instant now = clock.instant();
            OAuthClient client = new OAuthClient(random.uuid(), metadata, Optional.of(SecretDigest.of(registrationToken.presentable())),
                    true, now, now);
            clients.insert(client);
            Optional<String> secret = client.clientType() == ClientType.CONFIDENTIAL
                    ? Optional.of(issueSecret(client.id()).plaintext()) : Optional.empty();
            return new RegisteredClient(client, secret, Optional.of(registrationToken.presentable()));
        }));
    }

    @Override
    public Result<OAuthClient, OAuthError> read(String clientId, String registrationAccessToken) {
        return registeredClient(clientId, registrationAccessToken);
    }

    @Override
    public Result<OAuthClient, OAuthError> update(String clientId, String token, ClientMetadata.Raw raw) {
        return registeredClient(clientId, token).flatMap(client -> ClientMetadata.validate(raw).flatMap(metadata -> {
            if (metadata.clientType() != client.clientType()) {
                return Result.err(new OAuthError(OAuthErrorCode.INVALID_CLIENT_METADATA,
                        "token_endpoint_auth_method cannot change between public and confidential"));
            }
            OAuthClient updated = client.withMetadata(metadata, clock.instant());
            clients.update(updated);
            return Result.ok(updated);
        }));
    }

    @Override
    public Result<Void, OAuthError> delete(String clientId, String token) {
        return registeredClient(clientId, token).map(client -> {
            clients.delete(client.id());
            return null;
        });
    }

    private Result<OAuthClient, OAuthError> registeredClient(String clientId, String token) {
        Optional<OAuthClient> client = parseId(clientId).flatMap(clients::findById);
        if (client.isEmpty() || token == null || client.get().registrationTokenDigest().isEmpty()
                || !client.get().registrationTokenDigest().get().matches(token)) {
            return Result.err(BAD_REGISTRATION_TOKEN);
        }
        return Result.ok(client.get());
    }

    // ---- management API ----

    @Override
    public Result<OAuthClient, IdentityError> create(Principal actor, ClientMetadata.Raw raw) {
        if (!actor.isOwner()) {
            return Result.err(new IdentityError.Forbidden("only owners can create OAuth2 apps"));
        }
        return asRest(ClientMetadata.validate(raw)).map(metadata -> {
            Instant now = clock.instant();
            OAuthClient client = new OAuthClient(random.uuid(), metadata, Optional.empty(), false, now, now);
            clients.insert(client);
            return client;
        });
    }

    @Override
    public Result<List<OAuthClient>, IdentityError> list(Principal actor) {
        return Result.ok(clients.list().stream().filter(c -> actor.allows("oauth2_app", c.id().toString())).toList());
    }

    @Override
    public Result<OAuthClient, IdentityError> get(Principal actor, String clientId) {
        Optional<OAuthClient> client = parseId(clientId).flatMap(clients::findById);
        if (client.isEmpty()) {
            return Result.err(new IdentityError.NotFound("OAuth2 app not found"));
        }
        if (!actor.allows("oauth2_app", client.get().id().toString())) {
            return Result.err(new IdentityError.Forbidden("this key's allow list does not include that app"));
        }
        return Result.ok(client.get());
    }

    @Override
    public Result<OAuthClient, IdentityError> update(Principal actor, String clientId, ClientMetadata.Raw raw) {
        return owned(actor, clientId, "change OAuth2 apps").flatMap(client -> asRest(ClientMetadata.validate(raw)).map(metadata -> {
            OAuthClient updated = client.withMetadata(metadata, clock.instant());
            clients.update(updated);
            return updated;
        }));
    }

    @Override
    public Result<Void, IdentityError> delete(Principal actor, String clientId) {
        return owned(actor, clientId, "delete OAuth2 apps").map(client -> {
            clients.delete(client.id());
            return null;
        });
    }

    @Override
    public Result<IssuedSecret, IdentityError> createSecret(Principal actor, String clientId) {
        return owned(actor, clientId, "create app secrets").map(client -> issueSecret(client.id()));
    }

    @Override
    public Result<List<ClientSecret>, IdentityError> listSecrets(Principal actor, String clientId) {
        return owned(actor, clientId, "list app secrets").map(client -> secrets.listByClient(client.id()));
    }

    @Override
    public Result<Void, IdentityError> deleteSecret(Principal actor, String clientId, String secretId) {
        return owned(actor, clientId, "delete app secrets").flatMap(client -> {
            Optional<UUID> id = parseId(secretId);
            if (id.isEmpty() || !secrets.delete(client.id(), id.get())) {
                return Result.err(new IdentityError.NotFound("app secret not found"));
            }
            return Result.ok(null);
        });
    }

    private Result<OAuthClient, IdentityError> owned(Principal actor, String clientId, String what) {
        return get(actor, clientId).flatMap(client -> actor.isOwner() ? Result.ok(client)
                : Result.err(new IdentityError.Forbidden("only owners can " + what)));
    }

    private IssuedSecret issueSecret(UUID clientId) {
        PrefixedSecret secret = PrefixedSecret.mint(random);
        String plaintext = secret.presentable();
        ClientSecret stored = new ClientSecret(random.uuid(), clientId, secret.prefix(), secret.digest(),
                plaintext.substring(plaintext.length() - 6), clock.instant(), null);
        secrets.insert(stored);
        return new IssuedSecret(stored, plaintext);
    }

    private static Result<ClientMetadata, IdentityError> asRest(Result<ClientMetadata, OAuthError> result) {
        if (result.isOk()) {
            return Result.ok(result.value());
        }
        String field = result.error().code() == OAuthErrorCode.INVALID_REDIRECT_URI ? "redirect_uris" : "metadata";
        return Result.err(new IdentityError.Invalid(field, result.error().description()));
    }

    static Optional<UUID> parseId(String id) {
        return Uuids.parse(id);
    }
}

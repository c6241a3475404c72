package io.portcullis.application.oauth.service;

import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ManageClientsUseCase;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The owners' apps management API (PRODUCT §4): owners change apps and their secrets; allowed members read. */
public final class ManageClientsService implements ManageClientsUseCase {
    private final OAuthClientRepository clients;
    private final ClientSecretRepository secrets;
    private final ClientSecretIssuer issuer;
    private final RandomSource random;
    private final Clock clock;
    private final InvalidateCredentialsUseCase credentials;

    private final AuditTrail audit;

    public ManageClientsService(OAuthClientRepository clients, ClientSecretRepository secrets, ClientSecretIssuer issuer,
            RandomSource random, Clock clock,
            InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        this.audit = audit;
        this.credentials = credentials;
        this.clients = clients;
        this.secrets = secrets;
        this.issuer = issuer;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Result<OAuthClient, OAuthManagementError> create(Principal actor, ClientMetadata.Raw raw) {
        if (!actor.isOwner()) {
            return Result.err(new OAuthManagementError.Forbidden("only owners can create OAuth2 apps"));
        }
        return validated(raw).map(metadata -> {
            Instant now = clock.instant();
            OAuthClient client = new OAuthClient(random.uuid(), metadata, Optional.empty(), false, now, now);
            return audit.recording(() -> {
                clients.insert(client);
                return client;
            }, c -> event(AuditAction.OAUTH2_APP_CREATE, actor, c));
        });
    }

    @Override
    public Result<List<OAuthClient>, OAuthManagementError> list(Principal actor) {
        return Result.ok(clients.list().stream().filter(c -> actor.allows("oauth2_app", c.id().toString())).toList());
    }

    @Override
    public Result<OAuthClient, OAuthManagementError> get(Principal actor, String clientId) {
        Optional<OAuthClient> client = Uuids.parse(clientId).flatMap(clients::findById);
        if (client.isEmpty()) {
            return Result.err(new OAuthManagementError.NotFound("OAuth2 app not found"));
        }
        if (!actor.allows("oauth2_app", client.get().id().toString())) {
            return Result.err(new OAuthManagementError.Forbidden("this key's allow list does not include that app"));
        }
        return Result.ok(client.get());
    }

    @Override
    public Result<OAuthClient, OAuthManagementError> update(Principal actor, String clientId, ClientMetadata.Raw raw) {
        return owned(actor, clientId, "change OAuth2 apps").flatMap(client -> validated(raw).map(metadata -> {
            OAuthClient updated = client.withMetadata(metadata, clock.instant());
            return audit.recording(() -> {
                clients.update(updated);
                return updated;
            }, c -> event(AuditAction.OAUTH2_APP_UPDATE, actor, c));
        }));
    }

    @Override
    public Result<Void, OAuthManagementError> delete(Principal actor, String clientId) {
        return owned(actor, clientId, "delete OAuth2 apps").map(client -> {
            audit.recording(() -> {
                clients.delete(client.id());
                return client;
            }, c -> event(AuditAction.OAUTH2_APP_DELETE, actor, c));
            credentials.clientRevoked(client.id());
            return null;
        });
    }

    @Override
    public Result<IssuedSecret, OAuthManagementError> createSecret(Principal actor, String clientId) {
        return owned(actor, clientId, "create app secrets").map(client -> audit.recording(() -> issuer.issue(client.id()),
                issued -> AuditEvent.of(AuditAction.OAUTH2_APP_SECRET_CREATE, actor.auditActor())
                        .target("oauth2_client_secret", issued.secret().id()).detail("client=" + client.id())));
    }

    @Override
    public Result<List<ClientSecret>, OAuthManagementError> listSecrets(Principal actor, String clientId) {
        return owned(actor, clientId, "list app secrets").map(client -> secrets.listByClient(client.id()));
    }

    @Override
    public Result<Void, OAuthManagementError> deleteSecret(Principal actor, String clientId, String secretId) {
        return owned(actor, clientId, "delete app secrets").flatMap(client -> {
            Optional<UUID> id = Uuids.parse(secretId);
            boolean deleted = id.isPresent() && audit.recording(() -> secrets.delete(client.id(), id.get()),
                    done -> done ? AuditEvent.of(AuditAction.OAUTH2_APP_SECRET_DELETE, actor.auditActor())
                            .target("oauth2_client_secret", id.get()).detail("client=" + client.id()) : null);
            if (!deleted) {
                return Result.err(new OAuthManagementError.NotFound("app secret not found"));
            }
            return Result.ok(null);
        });
    }

    private Result<OAuthClient, OAuthManagementError> owned(Principal actor, String clientId, String what) {
        return get(actor, clientId).flatMap(client -> actor.isOwner() ? Result.ok(client)
                : Result.err(new OAuthManagementError.Forbidden("only owners can " + what)));
    }

    private static AuditEvent event(AuditAction action, Principal actor, OAuthClient client) {
        return AuditEvent.of(action, actor.auditActor()).target("oauth2_client", client.id())
                .detail("client_name=" + client.metadata().clientName());
    }

    /** The RFC 7591 rules, refused as a REST validation error naming the field. */
    private static Result<ClientMetadata, OAuthManagementError> validated(ClientMetadata.Raw raw) {
        Result<ClientMetadata, OAuthError> result = ClientMetadata.validate(raw);
        if (result.isOk()) {
            return Result.ok(result.value());
        }
        String field = result.error() instanceof OAuthError.InvalidRedirectUri ? "redirect_uris" : "metadata";
        return Result.err(new OAuthManagementError.Invalid(field, result.error().description()));
    }
}

package io.portcullis.application.oauth.service;

import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.FindRegisteredResourceUseCase;
import io.portcullis.application.oauth.port.in.ManageClientsUseCase.IssuedSecret;
import io.portcullis.application.oauth.port.in.ManageResourcesUseCase;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Registered resources (PRODUCT §7). Creating one also creates its introspection client: a confidential client with
 * no redirect URI and no grant type, which can only authenticate at the introspection endpoint.
 */
public final class ManageResourcesService implements ManageResourcesUseCase, FindRegisteredResourceUseCase {
    private final RegisteredResourceRepository resources;
    private final OAuthClientRepository clients;
    private final ClientSecretIssuer secrets;
    private final ResourceAccessTokenRepository tokens;
    private final UnitOfWork unitOfWork;
    private final RandomSource random;
    private final Clock clock;
    private final AuditTrail audit;

    public ManageResourcesService(RegisteredResourceRepository resources, OAuthClientRepository clients,
            ClientSecretIssuer secrets, ResourceAccessTokenRepository tokens, UnitOfWork unitOfWork, RandomSource random,
            Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.resources = resources;
        this.clients = clients;
        this.secrets = secrets;
        this.tokens = tokens;
        this.unitOfWork = unitOfWork;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Result<CreatedResource, OAuthManagementError> create(Principal actor, RegisteredResource.Draft draft) {
        if (!actor.isOwner()) {
            return Result.err(new OAuthManagementError.Forbidden("only owners can register resources"));
        }
        return RegisteredResource.validate(draft).flatMap(s -> audit.recording(() -> {
            if (resources.findByResource(s.resource()).isPresent()) {
                return conflict(s.resource());
            }
            Instant now = clock.instant();
            OAuthClient client = new OAuthClient(random.uuid(), new ClientMetadata("Introspection for " + s.displayName(),
                    List.of(), "client_secret_basic", List.of(), List.of(), Optional.empty(), null, null, null, null,
                    List.of(), null, null, null), Optional.empty(), false, now, now);
            clients.insert(client);
            IssuedSecret secret = secrets.issue(client.id());
            RegisteredResource created = new RegisteredResource(random.uuid(), s.resource(), s.displayName(), s.scopes(),
                    s.descriptions(), s.format(), s.lifetime(), client.id(), now, now);
            if (!resources.insert(created)) {
                clients.delete(client.id());
                return conflict(s.resource());
            }
            return Result.ok(new CreatedResource(created, secret.plaintext()));
        }, r -> r.isOk() ? event(AuditAction.OAUTH2_RESOURCE_CREATE, actor, r.value().resource()) : null));
    }

    @Override
    public Result<List<RegisteredResource>, OAuthManagementError> list(Principal actor) {
        return Result.ok(resources.list().stream().filter(r -> actor.allows("oauth2_app", r.id().toString())).toList());
    }

    @Override
    public Result<RegisteredResource, OAuthManagementError> get(Principal actor, String id) {
        Optional<RegisteredResource> found = Uuids.parse(id).flatMap(resources::findById);
        if (found.isEmpty()) {
            return Result.err(new OAuthManagementError.NotFound("resource not found"));
        }
        if (!actor.allows("oauth2_app", found.get().id().toString())) {
            return Result.err(new OAuthManagementError.Forbidden("this key's allow list does not include that resource"));
        }
        return Result.ok(found.get());
    }

    @Override
    public Result<RegisteredResource, OAuthManagementError> update(Principal actor, String id, RegisteredResource.Draft change) {
        return owned(actor, id, "change").flatMap(current -> RegisteredResource.validate(current.merge(change))
                .flatMap(s -> audit.recording(() -> {
                    RegisteredResource updated = current.with(s, clock.instant());
                    if (!updated.resource().equals(current.resource())) {
                        if (resources.findByResource(updated.resource()).isPresent() || !resources.update(updated)) {
                            return conflict(updated.resource());
                        }
                        // tokens carry the old URI as audience: they no longer name this resource
                        tokens.deleteIssuedFor(current.resource());
                        return Result.ok(updated);
                    }
                    resources.update(updated);
                    return Result.ok(updated);
                }, r -> r.isOk() ? event(AuditAction.OAUTH2_RESOURCE_UPDATE, actor, r.value()) : null)));
    }

    @Override
    public Result<Void, OAuthManagementError> delete(Principal actor, String id) {
        return owned(actor, id, "delete").map(r -> unitOfWork.inTransaction(() -> {
            tokens.deleteIssuedFor(r.resource());
            resources.delete(r.id());
            clients.delete(r.introspectionClientId());
            audit.record(event(AuditAction.OAUTH2_RESOURCE_DELETE, actor, r));
            return null;
        }));
    }

    private static AuditEvent event(AuditAction action, Principal actor, RegisteredResource resource) {
        return AuditEvent.of(action, actor.auditActor()).target("oauth2_resource", resource.id())
                .detail("resource=" + resource.resource().value());
    }

    @Override
    public Optional<RegisteredResource> find(ResourceUri resource) {
        return resources.findByResource(resource);
    }

    private Result<RegisteredResource, OAuthManagementError> owned(Principal actor, String id, String verb) {
        return get(actor, id).flatMap(r -> actor.isOwner() ? Result.ok(r)
                : Result.err(new OAuthManagementError.Forbidden("only owners can " + verb + " resources")));
    }

    private static <T> Result<T, OAuthManagementError> conflict(ResourceUri uri) {
        return Result.err(new OAuthManagementError.Conflict("a resource " + uri + " is already registered"));
    }
}

package io.portcullis.application.oauth.service;

import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditActor;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ManageGrantsUseCase;
import io.portcullis.application.oauth.port.out.GrantRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.MetadataDocumentClientId;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.Uuids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/** The signed-in user's authorized apps. */
public final class ManageGrantsService implements ManageGrantsUseCase {
    private final GrantRepository grants;
    private final OAuthClientRepository clients;
    private final InvalidateCredentialsUseCase credentials;

    private final AuditTrail audit;

    public ManageGrantsService(GrantRepository grants, OAuthClientRepository clients,
            InvalidateCredentialsUseCase credentials, AuditTrail audit) {
        this.audit = audit;
        this.credentials = credentials;
        this.grants = grants;
        this.clients = clients;
    }

    @Override
    public List<AuthorizedClient> list(Principal actor) {
        Map<UUID, List<Grant>> byClient = new LinkedHashMap<>();
        grants.listByUser(actor.user().id()).stream().sorted(Comparator.comparing(Grant::createdAt))
                .forEach(g -> byClient.computeIfAbsent(g.clientId(), k -> new ArrayList<>()).add(g));
        List<AuthorizedClient> out = new ArrayList<>();
        byClient.keySet().removeIf(clientId -> !actor.allows("oauth2_app", clientId.toString()));
        byClient.forEach((clientId, list) -> clients.findById(clientId).ifPresent(client -> {
            TreeSet<String> scopes = new TreeSet<>();
            list.forEach(g -> scopes.addAll(g.scope().values()));
            out.add(new AuthorizedClient(client, list.size(), list.get(0).createdAt(), List.copyOf(scopes)));
        }));
        return out;
    }

    @Override
    public Result<List<Grant>, OAuthManagementError> listEveryone(Principal actor, int limit) {
        if (!actor.isOwner()) {
            return Result.err(new OAuthManagementError.Forbidden("only owners can see everyone's grants"));
        }
        return Result.ok(grants.listRecent(limit));
    }

    @Override
    public Result<Void, OAuthManagementError> revokeGrant(Principal actor, String grantId) {
        if (!actor.isOwner()) {
            return Result.err(new OAuthManagementError.Forbidden("only owners can revoke other users' grants"));
        }
        Optional<UUID> id = Uuids.parse(grantId);
        if (id.isEmpty() || !audit.recording(() -> grants.delete(id.get()), deleted -> deleted
                ? AuditEvent.of(AuditAction.OAUTH2_REVOKE, actor.auditActor()).target("oauth2_grant", id.get()).detail("by owner")
                : null)) {
            return Result.err(new OAuthManagementError.NotFound("grant not found"));
        }
        credentials.grantRevoked(id.get());
        return Result.ok(null);
    }

    @Override
    public Result<Void, OAuthManagementError> revoke(Principal actor, String clientId) {
        Optional<OAuthClient> client = MetadataDocumentClientId.recognise(clientId)
                .map(url -> clients.findById(url.internalId()))
                .orElseGet(() -> Uuids.parse(clientId).flatMap(clients::findById));
        if (client.isEmpty() || audit.recording(() -> grants.deleteByUserAndClient(actor.user().id(), client.get().id()),
                n -> n == 0 ? null : AuditEvent.of(AuditAction.OAUTH2_REVOKE, actor.auditActor())
                        .target("oauth2_client", client.get().id()).detail("grants=" + n)) == 0) {
            return Result.err(new OAuthManagementError.NotFound("you have not authorized that app"));
        }
        credentials.userChanged(actor.user().id());
        return Result.ok(null);
    }
}

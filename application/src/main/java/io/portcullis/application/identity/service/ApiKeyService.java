package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.CreateApiTokenCommand;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.ManageApiKeysUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.IdentityPolicy;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Users' API tokens (PRODUCT §3): fixed lifetime, unique names, scopes never wider than the caller's. */
public final class ApiKeyService implements ManageApiKeysUseCase {
    private final ManageUsersUseCase users;
    private final ApiKeyRepository keys;
    private final ApiKeyFactory factory;
    private final IdentityPolicy policy;
    private final InvalidateCredentialsUseCase credentials;
    private final Clock clock;
    private final UnitOfWork unitOfWork;
    private final AuditTrail audit;

    public ApiKeyService(ManageUsersUseCase users, ApiKeyRepository keys, ApiKeyFactory factory, IdentityPolicy policy,
            InvalidateCredentialsUseCase credentials, Clock clock, UnitOfWork unitOfWork, AuditTrail audit) {
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.users = users;
        this.keys = keys;
        this.factory = factory;
        this.policy = policy;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public Result<IssuedApiKey, IdentityError> createToken(Principal actor, String userReference,
            CreateApiTokenCommand command) {
        return users.resolve(actor, userReference).flatMap(user -> {
            Duration lifetime = command.lifetimeSeconds() == null ? policy.tokenDefaultLifetime()
                    : Duration.ofSeconds(command.lifetimeSeconds());
            if (lifetime.compareTo(policy.tokenMaxLifetime()) > 0) {
                return Result.err(new IdentityError.Invalid("lifetime_seconds",
                        "lifetime must be at most " + policy.tokenMaxLifetime().toSeconds() + " seconds"));
            }
            ScopeSet scopes = ScopeSet.of(command.scopes()).requireKnown();
            if (!actor.key().scopes().covers(scopes)) {
                return Result.err(new IdentityError.Forbidden("a key cannot create a key with wider scopes than its own"));
            }
            AllowList allowList = AllowList.of(command.allowList());
            IssuedApiKey issued = factory.mint(user.id(), LoginType.TOKEN, clock.instant(), lifetime,
                    command.tokenName(), scopes, allowList, Optional.empty());
            return unitOfWork.inTransaction(() -> {
                if (!keys.insert(issued.key())) {
                    return Result.err(new IdentityError.Conflict("a token named '" + command.tokenName() + "' already exists"));
                }
                audit.record(AuditEvent.of(AuditAction.API_KEY_CREATE, actor.auditActor()).target("api_key", issued.key().id())
                        .detail("user=" + user.id() + " name=" + command.tokenName() + " scopes=" + scopes.spaceDelimited()));
                return Result.ok(issued);
            });
        });
    }

    @Override
    public Result<List<ApiKey>, IdentityError> listTokens(Principal actor, String userReference) {
        return users.resolve(actor, userReference).map(user -> keys.listByUser(user.id(), LoginType.TOKEN).stream()
                .filter(key -> actor.allows("api_key", key.id())).toList());
    }

    @Override
    public Result<Void, IdentityError> delete(Principal actor, String userReference, String keyId) {
        return users.resolve(actor, userReference).flatMap(user -> {
            Optional<ApiKey> key = keyId != null && keyId.matches("[0-9A-Za-z]{10}") ? keys.findById(keyId) : Optional.empty();
            if (key.isEmpty() || !key.get().userId().equals(user.id())) {
                return Result.err(new IdentityError.NotFound("API key not found"));
            }
            if (!actor.allows("api_key", keyId)) {
                return Result.err(new IdentityError.Forbidden("this key's allow list does not include that key"));
            }
            unitOfWork.inTransaction(() -> {
                keys.delete(keyId);
                return audit.record(AuditEvent.of(AuditAction.API_KEY_DELETE, actor.auditActor()).target("api_key", keyId)
                        .detail("user=" + user.id()));
            });
            credentials.keyRevoked(keyId);
            return Result.ok(null);
        });
    }
}

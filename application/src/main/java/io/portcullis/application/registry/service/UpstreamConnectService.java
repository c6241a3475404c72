package io.portcullis.application.registry.service;

import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ConnectUpstreamUseCase;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthorizationPort;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.registry.UpstreamAuthState;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.SecretDigest;
import io.portcullis.domain.shared.Uuids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs each user's OAuth authorization against an upstream server, as a confidential or public client, under the
 * MCP 2026-07-28 client rules: the registration follows the upstream's current issuer, the scope comes from the
 * upstream (with step-up), and the callback's {@code iss} is checked (RFC 9207) before anything else is acted on.
 */
public final class UpstreamConnectService implements ConnectUpstreamUseCase {
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private final McpServerRepository servers;
    private final UpstreamAuthStateRepository states;
    private final UpstreamTokenRepository tokens;
    private final UpstreamAuthorizationPort upstream;
    private final ConnectPreparation preparation;
    private final Function<UUID, String> callbackUrl;
    private final RandomSource random;
    private final Clock clock;
    private final AuditTrail audit;

    public UpstreamConnectService(McpServerRepository servers, UpstreamAuthStateRepository states,
            UpstreamTokenRepository tokens, UpstreamAuthorizationPort upstream, Function<UUID, String> callbackUrl,
            UnitOfWork unitOfWork, RandomSource random, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.servers = servers;
        this.states = states;
        this.tokens = tokens;
        this.upstream = upstream;
        this.preparation = new ConnectPreparation(servers, tokens, upstream, callbackUrl, unitOfWork);
        this.callbackUrl = callbackUrl;
        this.random = random;
        this.clock = clock;
    }

    private Result<McpServerConfig, RegistryError> oauthServer(Principal actor, String serverId) {
        Optional<McpServerConfig> server = Uuids.parse(serverId).flatMap(servers::findById)
                .filter(c -> c.enabled() || actor.isOwner());
        if (server.isEmpty()) {
            return Result.err(new RegistryError.NotFound("MCP server not found"));
        }
        if (server.get().authType() != McpServerConfig.AuthType.OAUTH2 || server.get().oauth2AuthUrl().isEmpty()) {
            return Result.err(new RegistryError.Invalid("auth_type", "this MCP server does not use oauth2"));
        }
        return Result.ok(server.get());
    }

    @Override
    public Result<String, RegistryError> connect(Principal actor, String serverId) {
        return oauthServer(actor, serverId).flatMap(found -> preparation.prepare(found, actor.user().id())).map(prepared -> {
            McpServerConfig server = prepared.server();
            String state = random.alphanumeric(43);
            String verifier = random.alphanumeric(64);
            states.insert(new UpstreamAuthState(SecretDigest.of(state), server.id(), actor.user().id(), verifier,
                    clock.instant().plus(STATE_LIFETIME), server.oauth2Issuer(), server.oauth2IssParameterSupported(),
                    prepared.scope()));
            return AuthorizationRedirect.url(server, prepared.scope(), callbackUrl.apply(server.id()), state, verifier);
        });
    }

    @Override
    public Result<String, RegistryError> callback(Principal actor, String serverId, String code, String state, String error,
            String iss) {
        if (state == null) {
            return Result.err(new RegistryError.Invalid("state", "the callback carries no state"));
        }
        Optional<UpstreamAuthState> pending = states.take(SecretDigest.of(state));
        if (pending.isEmpty()) {
            return Result.err(new RegistryError.Invalid("state", "unknown or already used state; start connecting again"));
        }
        UpstreamAuthState s = pending.get();
        if (!s.userId().equals(actor.user().id()) || !s.serverId().toString().equals(serverId)) {
            return Result.err(new RegistryError.Forbidden("this authorization was started by another user or for another server"));
        }
        if (!clock.instant().isBefore(s.expiresAt())) {
            return Result.err(new RegistryError.Invalid("state", "the authorization took longer than 10 minutes; start again"));
        }
        // RFC 9207 §2.4: before the code goes anywhere, and before an error in the response is believed or shown
        Optional<String> mixUp = s.issuerProblem(iss);
        if (mixUp.isPresent()) {
            return Result.err(new RegistryError.Invalid("iss", mixUp.get() + "; nothing was stored, start connecting again"));
        }
        if (error != null) {
            return Result.err(new RegistryError.Invalid("error", "the upstream server refused: " + cut(error)));
        }
        if (code == null) {
            return Result.err(new RegistryError.Invalid("code", "the callback carries no code"));
        }
        return oauthServer(actor, serverId).flatMap(server -> {
            Result<UpstreamAuthorizationPort.Tokens, RegistryError.UpstreamFailure> exchanged = upstream.exchangeCode(new UpstreamAuthorizationPort.Endpoint(
                    server.oauth2TokenUrl(), server.oauth2ClientId(), server.oauth2ClientSecret()), code, s.codeVerifier(),
                    callbackUrl.apply(server.id()), server.url());
            AuditEvent connected = AuditEvent.of(AuditAction.MCP_SERVER_CONNECT, actor.auditActor()).target("mcp_server",
                    server.id());
            if (!exchanged.isOk()) {
                audit.record(connected.failed().detail(UpstreamFailures.describe(exchanged.error())));
                return Result.err(new RegistryError.TokenExchangeFailed(exchanged.error()));
            }
            UpstreamAuthorizationPort.Tokens t = exchanged.value();
            Instant now = clock.instant();
            return audit.recording(() -> {
                tokens.save(new UpstreamToken(server.id(), actor.user().id(), t.accessToken(), t.refreshToken(),
                        t.tokenType(), t.expiresInSeconds().map(now::plusSeconds), now, s.scope(), Optional.empty()));
                return Result.<String, RegistryError>ok(server.displayName());
            }, done -> connected);
        });
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}

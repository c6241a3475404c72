package io.portcullis.application.gateway.service;

import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.gateway.port.out.JsonRpcPort;
import io.portcullis.application.gateway.port.out.LegacySseUpstreamPort;
import io.portcullis.application.gateway.port.out.McpUpstreamPort;
import io.portcullis.application.registry.port.in.FindPublishedServerUseCase;
import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import io.portcullis.application.registry.port.in.RecordInsufficientScopeUseCase;
import io.portcullis.application.registry.port.in.UpstreamCredentialsUseCase;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.JsonRpcCall;
import io.portcullis.domain.gateway.ToolPolicy;
import io.portcullis.domain.registry.BearerChallenge;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Relays MCP requests to enabled upstream servers with brokered credentials. The server's {@link ToolPolicy}
 * is applied here, to the calls before the request leaves and to the tool listings of the answer (each message
 * of it, as it arrives). Nothing here waits for the upstream.
 */
public final class RelayMcpRequestService implements RelayMcpRequestUseCase {
    private static final String MCP_NAME = "mcp-name";
    private final FindPublishedServerUseCase published;
    private final UpstreamCredentialsUseCase credentials;
    private final McpUpstreamPort upstream;
    private final JsonRpcPort jsonRpc;
    private final RecordInsufficientScopeUseCase scopeChallenges;
    private final LegacySseUpstreamPort legacy;

    /** Every server spoken to over Streamable HTTP (tests). */
    public RelayMcpRequestService(FindPublishedServerUseCase published, UpstreamCredentialsUseCase credentials,
            McpUpstreamPort upstream, JsonRpcPort jsonRpc) {
        this(published, credentials, upstream, jsonRpc, (owner, request) -> upstream.send(request),
                (actor, slug, scope) -> Optional.empty());
    }

    public RelayMcpRequestService(FindPublishedServerUseCase published, UpstreamCredentialsUseCase credentials,
            McpUpstreamPort upstream, JsonRpcPort jsonRpc, RecordInsufficientScopeUseCase scopeChallenges) {
        this(published, credentials, upstream, jsonRpc, (owner, request) -> upstream.send(request), scopeChallenges);
    }

    /** {@code legacy} bridges the {@code transport: sse} servers. */
    public RelayMcpRequestService(FindPublishedServerUseCase published, UpstreamCredentialsUseCase credentials,
            McpUpstreamPort upstream, JsonRpcPort jsonRpc, LegacySseUpstreamPort legacy) {
        this(published, credentials, upstream, jsonRpc, legacy, (actor, slug, scope) -> Optional.empty());
    }

    public RelayMcpRequestService(FindPublishedServerUseCase published, UpstreamCredentialsUseCase credentials,
            McpUpstreamPort upstream, JsonRpcPort jsonRpc, LegacySseUpstreamPort legacy,
            RecordInsufficientScopeUseCase scopeChallenges) {
        this.published = published;
        this.credentials = credentials;
        this.upstream = upstream;
        this.jsonRpc = jsonRpc;
        this.scopeChallenges = scopeChallenges;
        this.legacy = legacy;
    }

    /** A checked request, and the bridge's owner key when the server speaks HTTP+SSE. */
    private record Outbound(McpUpstreamPort.UpstreamRequest request, Optional<String> legacyOwner) {
    }

    @Override
    public CompletionStage<Result<RelayedAnswer, GatewayError>> relay(RelayMcpRequestCommand command) {
        Result<Outbound, GatewayError> checked = check(command);
        if (!checked.isOk()) {
            return CompletableFuture.completedFuture(Result.err(checked.error()));
        }
        Outbound out = checked.value();
        return (out.legacyOwner().isPresent() ? legacy.send(out.legacyOwner().get(), out.request()) : upstream.send(out.request()))
                .thenCompose(sent -> stepUp(sent, command).orElseGet(() -> CompletableFuture.completedFuture(answer(sent))));
    }

    private Result<Outbound, GatewayError> check(RelayMcpRequestCommand command) {
        Optional<List<JsonRpcCall>> calls = jsonRpc.read(command.body());
        if (calls.isEmpty()) {
            return Result.err(new GatewayError.MalformedMessage());
        }
        Optional<GatewayError.HeaderMismatch> mismatch = JsonRpcCall.nameHeaderMismatch(calls.get(),
                Optional.ofNullable(command.headers().get(MCP_NAME)));
        if (mismatch.isPresent()) {
            return Result.err(mismatch.get());
        }
        Optional<PublishedServer> found = published.findPublished(command.slug());
        if (found.isEmpty()) {
            return Result.err(new GatewayError.NotPublished(command.slug()));
        }
        PublishedServer server = found.get();
        if (!command.actor().allows("mcp_server", server.id().toString())) {
            return Result.err(new GatewayError.NotAllowed(command.slug()));
        }
        ToolPolicy policy = new ToolPolicy(server.toolAllowList(), server.toolDenyList());
        Optional<GatewayError.ToolForbidden> refused = policy.refusal(JsonRpcCall.toolsCalled(calls.get()));
        if (refused.isPresent()) {
            return Result.err(refused.get());
        }
        Result<Map<String, String>, RegistryError> auth = credentials.headersFor(command.actor(), server.id().toString());
        if (!auth.isOk()) {
            return Result.err(new GatewayError.NoCredentials(auth.error(), server.id().toString()));
        }
        Map<String, String> outbound = new LinkedHashMap<>(command.headers());
        outbound.putAll(auth.value());
        Optional<McpUpstreamPort.MessageRewrite> rewrite = JsonRpcCall.anyListsTools(calls.get()) && !policy.allowsEverything()
                ? Optional.of((message, type) -> jsonRpc.keepTools(message, type, policy::allows)) : Optional.empty();
        Optional<String> owner = server.legacySse() ? Optional.of(command.actor().user().id() + "/" + server.id()) : Optional.empty();
        return Result.ok(new Outbound(new McpUpstreamPort.UpstreamRequest(server.url(), command.method(), outbound, command.body(),
                rewrite), owner));
    }

    /**
     * An upstream 403 {@code insufficient_scope} (RFC 6750 §3.1) marks the user's connection for a step-up, off the
     * relay's event loop (it writes to the database), and the caller is told to connect again.
     */
    private Optional<CompletionStage<Result<RelayedAnswer, GatewayError>>> stepUp(
            Result<McpUpstreamPort.UpstreamResponse, GatewayError.UpstreamUnreachable> sent, RelayMcpRequestCommand command) {
        if (!sent.isOk() || sent.value().status() != 403) {
            return Optional.empty();
        }
        Optional<String> scope = BearerChallenge.insufficientScope(sent.value().headers().getOrDefault("www-authenticate", ""));
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        sent.value().discard();
        return Optional.of(CompletableFuture.supplyAsync(() -> scopeChallenges.needsMoreScope(command.actor(), command.slug(),
                scope.get()).<Result<RelayedAnswer, GatewayError>>map(s -> Result.err(new GatewayError.NoCredentials(
                        s.refusal(), s.serverId()))).orElse(Result.err(new GatewayError.UpstreamRefusedCredentials(403)))));
    }

    private static Result<RelayedAnswer, GatewayError> answer(
            Result<McpUpstreamPort.UpstreamResponse, GatewayError.UpstreamUnreachable> sent) {
        if (!sent.isOk()) {
            return Result.err(sent.error());
        }
        McpUpstreamPort.UpstreamResponse response = sent.value();
        if (response.status() == 401 || response.status() == 403) {
            // the upstream's challenge concerns Portcullis's credentials, not the caller's: never pass it on
            response.discard();
            return Result.err(new GatewayError.UpstreamRefusedCredentials(response.status()));
        }
        return Result.ok(new RelayedAnswer(response.status(), response.headers(), response.body()));
    }
}

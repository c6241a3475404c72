package io.portcullis.application.gateway.service;

import io.portcullis.application.gateway.port.in.RelayMcpRequestUseCase;
import io.portcullis.application.registry.port.in.CachedRegistryUseCase;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.WholeBody;
import io.portcullis.domain.shared.Result;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Applies the gateway's limits ({@link GatewayAdmission}) before a request is relayed, and decides where its checks
 * run: on the calling thread (the network thread) when the limits' budgets and the registry's values it needs are in
 * memory — the usual case, no hand-off at all — else on {@code blocking}, where reading the database is fine. The
 * request holds its place among its server's requests in flight until its answer has been relayed to the end (or
 * refused, or abandoned), or until it has arrived whole ({@link WholeBody}).
 */
public final class AdmittingRelay implements RelayMcpRequestUseCase {
    private final RelayMcpRequestUseCase relay;
    private final GatewayAdmission admission;
    private final CachedRegistryUseCase registry;
    private final Executor blocking;

    public AdmittingRelay(RelayMcpRequestUseCase relay, GatewayAdmission admission, CachedRegistryUseCase registry,
            Executor blocking) {
        this.relay = relay;
        this.admission = admission;
        this.registry = registry;
        this.blocking = blocking;
    }

    @Override
    public CompletionStage<Result<RelayedAnswer, GatewayError>> relay(RelayMcpRequestCommand command) {
        GatewayAdmission.Pass pass = new GatewayAdmission.Pass();
        Optional<Result<GatewayAdmission.Slot, GatewayError>> admitted = admission.admit(pass, command, false);
        if (admitted.isPresent() && !admitted.get().isOk()) {
            return CompletableFuture.completedFuture(Result.err(admitted.get().error()));
        }
        if (admitted.isPresent() && registry.holds(command.slug(), command.actor().user().id())) {
            return relayIn(admitted.get().value(), command);
        }
        return CompletableFuture.supplyAsync(() -> {
            Result<GatewayAdmission.Slot, GatewayError> slot = admitted.orElseGet(() -> admission.admit(pass, command, true)
                    .orElseThrow());
            return slot.isOk() ? relayIn(slot.value(), command)
                    : CompletableFuture.completedFuture(Result.<RelayedAnswer, GatewayError>err(slot.error()));
        }, blocking).thenCompose(Function.identity());
    }

    private CompletionStage<Result<RelayedAnswer, GatewayError>> relayIn(GatewayAdmission.Slot slot,
            RelayMcpRequestCommand command) {
        CompletionStage<Result<RelayedAnswer, GatewayError>> sent;
        try {
            sent = relay.relay(command);
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
        return sent.handle((result, failure) -> {
            if (failure != null || !result.isOk()) {
                slot.release();
                if (failure != null) {
                    throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                }
                return result;
            }
            RelayedAnswer answer = result.value();
            if (answer.body() instanceof WholeBody) {
                slot.release(); // the upstream has answered in full: nothing of it is in flight any more
                return result;
            }
            return Result.ok(new RelayedAnswer(answer.status(), answer.headers(), new ReleasingBody(answer.body(), slot::release)));
        });
    }
}

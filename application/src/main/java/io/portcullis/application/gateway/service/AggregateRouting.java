package io.portcullis.application.gateway.service;

import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import io.portcullis.domain.gateway.AggregateNames;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.ToolPolicy;
import io.portcullis.domain.shared.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Routes {@code tools/call}, {@code prompts/get} and {@code resources/read} of the aggregated server to the server
 * its name (or URI) names, under the original name. A name that names no usable server, or a tool the server's policy
 * refuses, is an unknown one (-32602) — the aggregated server does not say which servers or tools exist beyond the
 * user's. A server the user has not connected answers an error whose {@code data.connect_url} says where to connect.
 * A rate limit of the caller's is the refusal instead of an answer.
 */
final class AggregateRouting {
    static final int INVALID_PARAMS = -32602;
    static final int NOT_CONNECTED = -32001;
    static final int SERVER_ERROR = -32603;
    private final UpstreamCalls calls;

    AggregateRouting(UpstreamCalls calls) {
        this.calls = calls;
    }

    CompletionStage<Result<Map<String, Object>, GatewayError.RateLimited>> route(UpstreamCalls.Caller caller, List<PublishedServer> usable,
            String method, Object id, Map<?, ?> params) {
        boolean resource = method.equals("resources/read");
        String field = resource ? "uri" : "name";
        Object named = params.get(field);
        Optional<AggregateNames.Routed> routed = named instanceof String s
                ? (resource ? AggregateNames.splitUri(s) : AggregateNames.splitName(s)) : Optional.empty();
        Optional<PublishedServer> server = routed.flatMap(r -> usable.stream().filter(u -> u.slug().equals(r.slug())).findFirst());
        String kind = resource ? "resource" : method.startsWith("tools") ? "tool" : "prompt";
        if (server.isEmpty() || (kind.equals("tool")
                && !new ToolPolicy(server.get().toolAllowList(), server.get().toolDenyList()).allows(routed.get().name()))) {
            return done(JsonRpc.error(id, INVALID_PARAMS, "Unknown " + kind + ": " + named));
        }
        Map<String, Object> forwarded = new LinkedHashMap<>();
        params.forEach((k, v) -> forwarded.put(String.valueOf(k), v));
        forwarded.put(field, routed.get().name());
        return calls.call(caller, server.get(), method, forwarded).thenApply(outcome -> {
            if (outcome instanceof AggregateOutcome.Limited limit) {
                return Result.err(limit.refusal());
            }
            return Result.ok(answer(outcome, server.get(), resource, id));
        });
    }

    private static Map<String, Object> answer(AggregateOutcome outcome, PublishedServer server, boolean resource, Object id) {
        String slug = server.slug();
        if (outcome instanceof AggregateOutcome.NotConnected missing) {
            return JsonRpc.error(id, NOT_CONNECTED, "Connect your account to " + server.displayName() + " first: "
                    + missing.connectUrl(), Map.of("connect_url", missing.connectUrl(), "server", slug));
        }
        if (outcome instanceof AggregateOutcome.Failed failed) {
            return JsonRpc.error(id, SERVER_ERROR, "MCP server " + slug + ": " + failed.reason());
        }
        Map<String, Object> answer = new LinkedHashMap<>(((AggregateOutcome.Answered) outcome).message());
        answer.put("id", id);
        if (resource && answer.get("result") instanceof Map<?, ?> result) {
            answer.put("result", withUris(slug, result));
        }
        return answer;
    }

    /** A {@code resources/read} result whose contents name their URIs as the aggregated server does. */
    private static Map<String, Object> withUris(String slug, Map<?, ?> result) {
        Map<String, Object> copy = new LinkedHashMap<>();
        result.forEach((k, v) -> copy.put(String.valueOf(k), v));
        if (result.get("contents") instanceof List<?> contents) {
            List<Object> renamed = new ArrayList<>();
            for (Object content : contents) {
                if (content instanceof Map<?, ?> c && c.get("uri") instanceof String uri) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    c.forEach((k, v) -> one.put(String.valueOf(k), v));
                    one.put("uri", AggregateNames.uri(slug, uri));
                    renamed.add(one);
                } else {
                    renamed.add(content);
                }
            }
            copy.put("contents", renamed);
        }
        return copy;
    }

    private static CompletionStage<Result<Map<String, Object>, GatewayError.RateLimited>> done(Map<String, Object> message) {
        return CompletableFuture.completedFuture(Result.ok(message));
    }
}

package io.portcullis.application.gateway.service;

import io.portcullis.application.registry.port.in.FindPublishedServerUseCase.PublishedServer;
import io.portcullis.domain.gateway.AggregateNames;
import io.portcullis.domain.gateway.GatewayError;
import io.portcullis.domain.gateway.ToolPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One merged listing ({@code tools/list}, {@code prompts/list}, {@code resources/list},
 * {@code resources/templates/list}) over the user's servers, asked in parallel, every page of each (at most
 * {@value #MAX_PAGES}). Names become {@code <slug>__<name>}, URIs {@code portcullis://<slug>/<uri>}; tools the server's
 * policy refuses are dropped (the relay drops them too). A server the user has not connected is skipped; one that
 * fails, or has not answered every page within the listing timeout, is left out and named in {@code omitted}: one server
 * never breaks (nor holds up) the list. A rate limit of the caller's refuses the whole listing ({@code limited}): a
 * list cut short by the caller's own limit would look complete.
 */
final class AggregateListing {
    static final int MAX_PAGES = 10;
    private final UpstreamCalls calls;
    private final Duration timeout;

    AggregateListing(UpstreamCalls calls, Duration timeout) {
        this.calls = calls;
        this.timeout = timeout;
    }

    /** The merged items, under {@code key}, the servers left out, and the caller's rate limit if one refused a request. */
    record Merged(List<Object> items, List<String> omitted, Optional<GatewayError.RateLimited> limited) {
        Merged(List<Object> items, List<String> omitted) {
            this(items, omitted, Optional.empty());
        }
    }

    CompletionStage<Merged> list(UpstreamCalls.Caller caller, List<PublishedServer> servers, String method, String key) {
        List<CompletableFuture<Merged>> each = new ArrayList<>();
        for (PublishedServer server : servers) {
            each.add(pages(caller, server, method, key, null, new ArrayList<>(), 0).toCompletableFuture()
                    .completeOnTimeout(new Merged(List.of(), List.of(server.slug() + ": " + method + ": no answer within "
                            + timeout.toMillis() + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Object> items = new ArrayList<>();
            List<String> omitted = new ArrayList<>();
            Optional<GatewayError.RateLimited> limited = Optional.empty();
            for (CompletableFuture<Merged> f : each) {
                items.addAll(f.join().items());
                omitted.addAll(f.join().omitted());
                limited = limited.or(() -> f.join().limited());
            }
            return new Merged(items, omitted, limited);
        });
    }

    private CompletionStage<Merged> pages(UpstreamCalls.Caller caller, PublishedServer server, String method, String key, Object cursor,
            List<Object> items, int page) {
        Map<String, Object> params = cursor == null ? Map.of() : Map.of("cursor", cursor);
        return calls.call(caller, server, method, params).thenCompose(outcome -> {
            if (outcome instanceof AggregateOutcome.NotConnected) {
                return CompletableFuture.completedFuture(new Merged(List.of(), List.of()));
            }
            if (outcome instanceof AggregateOutcome.Limited limit) {
                return CompletableFuture.completedFuture(new Merged(List.of(), List.of(), Optional.of(limit.refusal())));
            }
            if (!(outcome instanceof AggregateOutcome.Answered answered && answered.message().get("result") instanceof Map<?, ?> result)) {
                String why = outcome instanceof AggregateOutcome.Failed failed ? failed.reason()
                        : "the server answered " + ((AggregateOutcome.Answered) outcome).message().get("error");
                return CompletableFuture.completedFuture(new Merged(List.of(), List.of(server.slug() + ": " + method + ": " + why)));
            }
            if (result.get(key) instanceof List<?> listed) {
                ToolPolicy policy = new ToolPolicy(server.toolAllowList(), server.toolDenyList());
                for (Object item : listed) {
                    if (item instanceof Map<?, ?> map && map.get("name") instanceof String name
                            && (!key.equals("tools") || policy.allows(name))) {
                        items.add(renamed(server.slug(), map));
                    }
                }
            }
            Object next = result.get("nextCursor");
            if (next != null && page + 1 < MAX_PAGES) {
                return pages(caller, server, method, key, next, items, page + 1);
            }
            return CompletableFuture.completedFuture(new Merged(items, List.of()));
        });
    }

    private static Map<String, Object> renamed(String slug, Map<?, ?> item) {
        Map<String, Object> copy = new LinkedHashMap<>();
        item.forEach((k, v) -> copy.put(String.valueOf(k), v));
        copy.put("name", AggregateNames.name(slug, (String) item.get("name")));
        if (item.get("uri") instanceof String uri) {
            copy.put("uri", AggregateNames.uri(slug, uri));
        }
        if (item.get("uriTemplate") instanceof String template) {
            copy.put("uriTemplate", AggregateNames.uri(slug, template));
        }
        return copy;
    }
}

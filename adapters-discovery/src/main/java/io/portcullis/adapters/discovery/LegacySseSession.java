package io.portcullis.adapters.discovery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;

/**
 * One bridged session: the upstream's event stream (HTTP+SSE, MCP 2024-11-05), read to its end, and the client streams
 * its messages go to. A response goes to the stream of the POST that carried its request, which ends with the last
 * response it waits for; a notification or server request goes to the POST stream whose request it concerns (its
 * {@code progressToken}), else to the oldest open POST stream, else to the client's GET stream, else nowhere.
 * {@code endpoint} completes with the URL the upstream named for POSTs (same origin as the stream, or never).
 */
final class LegacySseSession implements Flow.Subscriber<byte[]> {
    private final String id;
    private final String owner;
    private final URI streamUri;
    private final LegacySseMessages messages;
    private final Runnable closed;
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private final EventStreamFraming framing = new EventStreamFraming(HttpMcpUpstream.MAX_MESSAGE_BYTES);
    private final Map<String, Waiting> pending = new LinkedHashMap<>();
    private ClientEventStream standalone;
    private Flow.Subscription upstream;
    private volatile long lastUsed;
    private boolean ended;

    /** A POST stream: the responses it still waits for, the progress tokens of its requests, its rewrite. */
    private record Waiting(ClientEventStream stream, List<String> ids, List<String> progressTokens, UnaryOperator<byte[]> rewrite) {
    }

    LegacySseSession(String id, String owner, URI streamUri, LegacySseMessages messages, Runnable closed, long now) {
        this.id = id;
        this.owner = owner;
        this.streamUri = streamUri;
        this.messages = messages;
        this.closed = closed;
        this.lastUsed = now;
    }

    String id() {
        return id;
    }

    boolean ownedBy(String who) {
        return owner.equals(who);
    }

    CompletableFuture<URI> endpoint() {
        return endpoint;
    }

    void used(long now) {
        lastUsed = now;
    }

    synchronized boolean idleSince(long cutoff) {
        return pending.isEmpty() && (standalone == null || standalone.ended()) && lastUsed - cutoff < 0;
    }

    /** A client stream for the responses to {@code ids}; every message of it passes {@code rewrite}. */
    synchronized ClientEventStream await(List<String> ids, List<String> progressTokens, UnaryOperator<byte[]> rewrite) {
        ClientEventStream stream = new ClientEventStream(() -> forget(ids));
        if (ended) {
            stream.complete();
            return stream;
        }
        Waiting waiting = new Waiting(stream, new ArrayList<>(ids), progressTokens, rewrite);
        ids.forEach(key -> pending.put(key, waiting));
        return stream;
    }

    synchronized void forget(List<String> ids) {
        ids.forEach(pending::remove);
    }

    /** The client's GET stream (server messages no POST is waiting for); a new one replaces the old. */
    synchronized ClientEventStream listen() {
        ClientEventStream old = standalone;
        standalone = new ClientEventStream(() -> { });
        if (old != null) {
            old.complete();
        }
        if (ended) {
            standalone.complete();
        }
        return standalone;
    }

    /** Ends the session: the upstream stream is let go, every client stream ends. */
    void close() {
        List<ClientEventStream> streams = new ArrayList<>();
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            pending.values().forEach(w -> streams.add(w.stream()));
            pending.clear();
            if (standalone != null) {
                streams.add(standalone);
            }
        }
        if (upstream != null) {
            upstream.cancel();
        }
        endpoint.completeExceptionally(new IllegalStateException("the MCP server closed its event stream"));
        streams.forEach(ClientEventStream::complete);
        closed.run();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(byte[] chunk) {
        try {
            for (byte[] event : framing.feed(chunk)) {
                onEvent(new String(event, StandardCharsets.UTF_8));
            }
        } catch (EventStreamFraming.TooLargeException e) {
            close();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        close();
    }

    @Override
    public void onComplete() {
        close();
    }

    private void onEvent(String event) {
        String type = "message";
        StringBuilder data = new StringBuilder();
        for (String line : event.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            if (line.startsWith("event:")) {
                type = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                data.append(data.length() == 0 ? "" : "\n").append(value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        if (type.equals("endpoint")) {
            URI post = streamUri.resolve(data.toString().trim());
            if (sameOrigin(post)) {
                endpoint.complete(post); // credentials go to the server's own origin only
            } else {
                close();
            }
        } else if (type.equals("message") && data.length() > 0) {
            deliver(data.toString());
        }
    }

    private boolean sameOrigin(URI post) {
        return streamUri.getScheme().equalsIgnoreCase(post.getScheme()) && streamUri.getHost().equalsIgnoreCase(post.getHost())
                && streamUri.getPort() == post.getPort();
    }

    private void deliver(String message) {
        LegacySseMessages.Message read = messages.read(message);
        byte[] event = ("event: message\ndata: " + message.replace("\n", "\ndata: ") + "\n\n").getBytes(StandardCharsets.UTF_8);
        Waiting target;
        boolean last = false;
        synchronized (this) {
            Optional<Waiting> to = read.answers().flatMap(key -> Optional.ofNullable(pending.remove(key)));
            if (to.isPresent()) {
                to.get().ids().remove(read.answers().get());
                last = to.get().ids().isEmpty();
            } else if (read.answers().isEmpty()) {
                to = read.progressToken().flatMap(t -> pending.values().stream().filter(w -> w.progressTokens().contains(t)).findFirst())
                        .or(() -> pending.values().stream().findFirst());
            }
            target = to.orElse(null);
            if (target == null && read.answers().isEmpty() && standalone != null && !standalone.ended()) {
                standalone.push(event);
                return;
            }
        }
        if (target != null) {
            target.stream().push(target.rewrite().apply(event));
            if (last) {
                target.stream().complete();
            }
        }
    }
}

package io.portcullis.adapters.discovery;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.portcullis.domain.shared.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The gateway's outbound HTTP/1.1 client: non-blocking (Netty, on its own event loops), kept-alive connections
 * pooled per upstream, answers streamed as they arrive. Every URL passes {@link OutboundGuard} first and the
 * connection goes to the very address the guard vetted, as in {@link GuardedHttpClient}: a pooled connection is
 * reused only for the same vetted address, port, scheme and host name, so pooling opens no DNS-rebinding
 * window. {@code Host}, TLS SNI and the certificate check use the original name; no redirects are followed.
 * <p>
 * A request sent from a thread of {@code callers} (the HTTP server's event loops, whose handlers never block) is
 * relayed on that very thread — connection, pooled connections and answer — so a relayed request crosses no thread
 * at all; one sent from anywhere else goes to this client's own event loops.
 */
public final class UpstreamStreams implements AutoCloseable {
    private static final HttpHeadersFactory UNCHECKED_HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private final OutboundGuard guard;
    private final SslContext tls;
    private final Settings settings;
    private final EventLoopGroup loops;
    private final EventLoop[] callers;
    /**
     * Idle connections by route and by the event loop they run on, so a request takes one of its own loop without
     * looking at the others; and how many each route holds (a deque's own {@code size()} walks it).
     */
    private final Map<Pool, Deque<Channel>> idle = new ConcurrentHashMap<>();
    private final Map<Route, AtomicInteger> idleCounts = new ConcurrentHashMap<>();
    /**
     * The guard's verdicts by scheme and host, for {@link #VETTED_FOR}: a DNS answer is looked up (and checked) at
     * most that often per host instead of per request; the connection still goes to the very address vetted.
     */
    private final Map<HostKey, Vetted> vettedRecently = new ConcurrentHashMap<>();
    private final ExecutorService resolving = Executors.newCachedThreadPool(new DefaultThreadFactory("gateway-dns", true));
    static final Duration VETTED_FOR = Duration.ofSeconds(5);
    private static final int MAX_VETTED = 4096;
    private final Duration vettedFor;

    /**
     * {@code idleTimeout}: longest silence of an upstream the relay waits through (for the head, or for more of a
     * body someone is waiting for), and how long an unused pooled connection is kept.
     */
    public record Settings(Duration connectTimeout, Duration idleTimeout, int maxIdlePerUpstream, int threads) {
    }

    /** The status and headers of an answer (lower-case names, all values) and its body as it arrives. */
    public record Streamed(int status, Map<String, List<String>> headers, Flow.Publisher<byte[]> body) {
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /** What the guard said of a scheme and host, trusted until {@code until} ({@link System#nanoTime()}). */
    private record Vetted(Result<InetAddress, GuardedHttpClient.Refused> address, long until) {
    }

    /** A scheme and host name, lower case (already lower-case names are not copied: no string is built per request). */
    private record HostKey(String scheme, String host) {
    }

    /** Where pooled connections may be reused: the vetted address and everything the request names. */
    record Route(InetAddress address, int port, boolean https, String host) {
    }

    /** A route and the event loop a request to it is sent from (new connections are opened there). */
    private record Pool(Route route, EventLoop loop) {
    }

    public UpstreamStreams(OutboundGuard guard, Settings settings) {
        this(guard, settings, defaultTls(), VETTED_FOR, null);
    }

    /** Relaying a request sent from an event loop of {@code callers} on that event loop (not shut down here). */
    public UpstreamStreams(OutboundGuard guard, Settings settings, EventLoopGroup callers) {
        this(guard, settings, defaultTls(), VETTED_FOR, callers);
    }

    /** With another vetting period (tests). */
    UpstreamStreams(OutboundGuard guard, Settings settings, Duration vettedFor) {
        this(guard, settings, defaultTls(), vettedFor, null);
    }

    UpstreamStreams(OutboundGuard guard, Settings settings, SslContext tls, Duration vettedFor, EventLoopGroup callers) {
        this.vettedFor = vettedFor;
        this.guard = guard;
        this.settings = settings;
        this.tls = tls;
        this.loops = new NioEventLoopGroup(settings.threads(), new DefaultThreadFactory("gateway-upstream", true));
        this.callers = callers == null ? new EventLoop[0] : nioLoops(callers);
    }

    /** The loops of {@code group} that can run this client's (NIO) connections. */
    private static EventLoop[] nioLoops(EventLoopGroup group) {
        List<EventLoop> nio = new ArrayList<>();
        for (EventExecutor e : group) {
            if (e instanceof IoEventLoop loop && loop.isCompatible(NioIoHandle.class)) {
                nio.add(loop);
            }
        }
        return nio.toArray(new EventLoop[0]);
    }

    /** The calling thread's event loop when it is one of {@code callers}, else one of this client's own. */
    private EventLoop loop() {
        for (EventLoop caller : callers) {
            if (caller.inEventLoop()) {
                return caller;
            }
        }
        return loops.next();
    }

    private boolean isCaller(EventLoop loop) {
        for (EventLoop caller : callers) {
            if (caller == loop) {
                return true;
            }
        }
        return false;
    }

    private static SslContext defaultTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    /**
     * Vets and sends {@code request} without blocking (a host not vetted in the last {@link #VETTED_FOR} is
     * resolved on a thread of its own); the future completes when the answer's head arrived, or with why it did not.
     */
    public CompletableFuture<Result<Streamed, GuardedHttpClient.Failure>> send(GuardedHttpClient.Request request) {
        URI target = request.uri();
        HostKey vettedKey = new HostKey(target.getScheme().toLowerCase(Locale.ROOT), target.getHost().toLowerCase(Locale.ROOT));
        EventLoop loop = loop();
        Vetted recent = vettedRecently.get(vettedKey);
        if (recent != null && System.nanoTime() - recent.until() < 0) {
            return send(request, recent.address(), loop);
        }
        // a name not vetted within VETTED_FOR: resolve it off the calling (network) thread, then keep the answer
        return CompletableFuture.supplyAsync(() -> guard.vet(target), resolving).thenCompose(vetted -> {
            if (vettedRecently.size() >= MAX_VETTED) {
                vettedRecently.clear();
            }
            vettedRecently.put(vettedKey, new Vetted(vetted, System.nanoTime() + vettedFor.toNanos()));
            return send(request, vetted, loop);
        });
    }

    private CompletableFuture<Result<Streamed, GuardedHttpClient.Failure>> send(GuardedHttpClient.Request request,
            Result<InetAddress, GuardedHttpClient.Refused> vetted, EventLoop loop) {
        if (!vetted.isOk()) {
            return CompletableFuture.completedFuture(Result.err(vetted.error()));
        }
        Optional<String> unsendable = GuardedHttpClient.unsendable(request);
        if (unsendable.isPresent()) {
            return CompletableFuture.completedFuture(Result.err(new GuardedHttpClient.Unsendable(unsendable.get())));
        }
        URI uri = request.uri();
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        Route route = new Route(vetted.value(), port, https, uri.getHost());
        CompletableFuture<Result<Streamed, GuardedHttpClient.Failure>> answer = new CompletableFuture<>();
        attempt(new Pool(route, loop), request, answer, true);
        return answer;
    }

    /** On a pooled connection when one is open (then once more on a new one if it turns out closed), else a new one. */
    private void attempt(Pool route, GuardedHttpClient.Request request,
            CompletableFuture<Result<Streamed, GuardedHttpClient.Failure>> answer, boolean mayReuse) {
        Channel pooled = mayReuse ? pooled(route) : null;
        if (pooled != null) {
            if (pooled.eventLoop().inEventLoop()) {
                exchange(pooled, route, request, answer, true);
            } else {
                pooled.eventLoop().execute(() -> exchange(pooled, route, request, answer, true));
            }
            return;
        }
        connect(route).addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                leavesPoolWhenClosed(route.route(), connected.channel());
                exchange(connected.channel(), route, request, answer, false);
            } else {
                answer.complete(Result.err(new GuardedHttpClient.Unreachable(connected.cause().getClass().getSimpleName())));
            }
        });
    }

    /** On the channel's event loop: one request and its answer on {@code channel}. */
    private void exchange(Channel channel, Pool route, GuardedHttpClient.Request request,
            CompletableFuture<Result<Streamed, GuardedHttpClient.Failure>> answer, boolean reused) {
        UpstreamExchange exchange = channel.pipeline().get(UpstreamExchange.class);
        if (!channel.isActive() || exchange == null || exchange.busy()) {
            attempt(route, request, answer, false);
            return;
        }
        exchange.begin(new UpstreamExchange.Call(answer, reused, kept -> {
            if (kept) {
                release(route, channel);
            } else {
                channel.close();
            }
        }, () -> attempt(route, request, answer, false)));
        channel.writeAndFlush(message(request, route.route().port(), route.route().https())).addListener(written -> {
            if (!written.isSuccess()) {
                exchange.failed(written.cause());
            }
        });
    }

    private ChannelFuture connect(Pool pool) {
        Route route = pool.route();
        long idleMillis = settings.idleTimeout().toMillis();
        return new Bootstrap().group(pool.loop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, settings.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (route.https()) {
                            ch.pipeline().addLast(new SslHandler(engine(ch, route)));
                        }
                        ch.pipeline().addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast(new HttpClientCodec(4096, 64 * 1024, 64 * 1024));
                        ch.pipeline().addLast(new UpstreamExchange());
                    }
                })
                .connect(new InetSocketAddress(route.address(), route.port()));
    }

    private SSLEngine engine(SocketChannel ch, Route route) {
        String host = route.host().startsWith("[") ? route.host().substring(1, route.host().length() - 1) : route.host();
        SSLEngine engine = tls.newEngine(ch.alloc(), host, route.port());
        SSLParameters parameters = engine.getSSLParameters();
        // verify the certificate against the name asked for, not the address connected to
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * An idle connection of the route: for a request sent from a caller's event loop only one on that very loop (else
     * a new one is opened there: a connection on another loop would cost two hand-offs per request for as long as it
     * lives), for any other request (which pays a hand-off whichever loop it lands on) preferably one on a caller's
     * loop, so the connections callers keep using stay the ones in use, then one on its own loop, else any.
     */
    private Channel pooled(Pool route) {
        AtomicInteger count = idleCounts.get(route.route());
        if (count == null || count.get() <= 0) {
            return null;
        }
        if (isCaller(route.loop())) {
            return take(route, count);
        }
        for (EventLoop caller : callers) {
            Channel c = take(new Pool(route.route(), caller), count);
            if (c != null) {
                return c;
            }
        }
        Channel own = take(route, count);
        if (own != null) {
            return own;
        }
        for (Map.Entry<Pool, Deque<Channel>> e : idle.entrySet()) {
            if (e.getKey().route().equals(route.route())) {
                Channel c = take(e.getKey(), count);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The most recently released open connection of {@code pool}, if any (closed ones met on the way are dropped). */
    private Channel take(Pool pool, AtomicInteger count) {
        Deque<Channel> channels = idle.get(pool);
        if (channels == null) {
            return null;
        }
        for (Channel c = channels.pollFirst(); c != null; c = channels.pollFirst()) {
            count.decrementAndGet();
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    private void release(Pool route, Channel channel) {
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        AtomicInteger count = idleCounts.computeIfAbsent(route.route(), r -> new AtomicInteger());
        if (count.incrementAndGet() > settings.maxIdlePerUpstream()) {
            count.decrementAndGet();
            channel.close();
            return;
        }
        idle.computeIfAbsent(new Pool(route.route(), channel.eventLoop()), p -> new ConcurrentLinkedDeque<>()).offerFirst(channel);
    }

    /**
     * Once per connection: when it closes while idle (the upstream hung up, or it idled out) it leaves the pool. Added
     * at each release instead, a connection reused for hours kept one listener per request it had carried.
     */
    private void leavesPoolWhenClosed(Route route, Channel channel) {
        channel.closeFuture().addListener(closed -> {
            Deque<Channel> channels = idle.get(new Pool(route, channel.eventLoop()));
            if (channels != null && channels.remove(channel)) {
                idleCounts.get(route).decrementAndGet();
            }
        });
    }

    private static FullHttpRequest message(GuardedHttpClient.Request request, int port, boolean https) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        // send() checked every name and value (GuardedHttpClient.unsendable): Netty need not check them again
        FullHttpRequest message = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), path,
                Unpooled.wrappedBuffer(request.body()), UNCHECKED_HEADERS, UNCHECKED_HEADERS);
        boolean defaultPort = uri.getPort() == -1 || port == (https ? 443 : 80);
        message.headers().set(HttpHeaderNames.HOST, uri.getHost() + (defaultPort ? "" : ":" + port));
        boolean agent = false;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            agent |= h.getKey().equalsIgnoreCase("user-agent");
            message.headers().add(h.getKey(), h.getValue() == null ? "" : h.getValue());
        }
        if (!agent) {
            message.headers().set(HttpHeaderNames.USER_AGENT, "Portcullis");
        }
        if (request.body().length > 0 || BODY_METHODS.contains(request.method())) {
            message.headers().set(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
        }
        return message;
    }

    /** How many idle connections the pool holds to {@code host} (tests). */
    int idleConnections() {
        return idleCounts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The idle connections themselves (tests). */
    List<Channel> idleChannels() {
        return idle.values().stream().flatMap(Deque::stream).toList();
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        resolving.shutdownNow();
    }
}

package io.portcullis.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.portcullis.domain.shared.Result;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay's client against a loopback server reached under a made-up name the guard resolves. */
class UpstreamStreamsTest {
    private HttpServer server;
    private UpstreamStreams client;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/slow", ex -> {
            seen.add(ex.getRequestHeaders().getFirst("Host") + " " + ex.getRemoteAddress().getPort());
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("data: 2\n\n".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        server.createContext("/json", ex -> {
            seen.add(ex.getRequestHeaders().getFirst("Host") + " " + ex.getRemoteAddress().getPort());
            ex.getRequestBody().readAllBytes();
            byte[] out = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.createContext("/chunked", ex -> {
            seen.add(ex.getRequestHeaders().getFirst("Host") + " " + ex.getRemoteAddress().getPort());
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(202, 0);
            ex.getResponseBody().write("Accepted".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        server.start();
        OutboundGuard guard = new OutboundGuard(true, host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        client = new UpstreamStreams(guard, new UpstreamStreams.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 1));
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private URI uri() {
        return URI.create("http://mcp.test:" + server.getAddress().getPort() + "/slow");
    }

    private String body(UpstreamStreams.Streamed streamed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        streamed.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(byte[] item) {
                arrivals.add(System.nanoTime());
                out.writeBytes(item);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8);
    }

    private UpstreamStreams.Streamed send() throws Exception {
        Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure> r = client.send(new GuardedHttpClient.Request("POST", uri(),
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        assertThat(r.isOk()).as(() -> r.error().reason()).isTrue();
        return r.value();
    }

    @Test
    void sendWhenUpstreamStreamsThenChunksArriveAsSentOnTheVettedAddressWithTheOriginalHost() throws Exception {
        UpstreamStreams.Streamed streamed = send();
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.header("Content-Type")).contains("text/event-stream");
        assertThat(body(streamed)).isEqualTo("data: 1\n\ndata: 2\n\n");
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0))).as("the first chunk did not wait for the last")
                .isGreaterThan(Duration.ofMillis(400));
        assertThat(seen).singleElement().asString().startsWith("mcp.test:" + server.getAddress().getPort() + " ");
    }

    private Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure> sendJson(UpstreamStreams via) throws Exception {
        return via.send(new GuardedHttpClient.Request("POST", URI.create("http://mcp.test:" + server.getAddress().getPort() + "/json"),
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendWhenOneConnectionCarriesManyRequestsThenWhatItHoldsDoesNotGrowWithThem() throws Exception {
        for (int i = 0; i < 40; i++) {
            assertThat(sendJson(client).isOk()).isTrue();
        }
        assertThat(seen.stream().map(s -> s.substring(s.lastIndexOf(' '))).distinct()).as("one connection").hasSize(1);
        assertThat(client.idleChannels()).hasSize(1);
        assertThat(closeListeners(client.idleChannels().get(0))).as("listeners on its close future").isLessThanOrEqualTo(2);
    }

    /** How many listeners wait for {@code channel} to close (Netty keeps them in private fields of the promise). */
    private static int closeListeners(io.netty.channel.Channel channel) throws Exception {
        Object promise = channel.closeFuture();
        Class<?> type = promise.getClass();
        while (type != io.netty.util.concurrent.DefaultPromise.class) {
            type = type.getSuperclass();
        }
        java.lang.reflect.Field one = type.getDeclaredField("listener");
        java.lang.reflect.Field many = type.getDeclaredField("listeners");
        one.setAccessible(true);
        many.setAccessible(true);
        Object listeners = many.get(promise);
        if (listeners == null) {
            return one.get(promise) == null ? 0 : 1;
        }
        java.lang.reflect.Method size = listeners.getClass().getDeclaredMethod("size");
        size.setAccessible(true);
        return (int) size.invoke(listeners);
    }

    @Test
    void sendWhenSmallAnswerOfKnownLengthThenItArrivesWholeAndTheConnectionIsBackInThePool() throws Exception {
        Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure> first = sendJson(client);
        assertThat(first.value().body()).isInstanceOf(io.portcullis.domain.gateway.WholeBody.class);
        assertThat(new String(((io.portcullis.domain.gateway.WholeBody) first.value().body()).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
        assertThat(client.idleConnections()).as("read to its end before it is handed over").isEqualTo(1);
        assertThat(body(sendJson(client).value())).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
        assertThat(seen.get(0).split(" ")[1]).as("same client port: one kept-alive connection").isEqualTo(seen.get(1).split(" ")[1]);
    }

    @Test
    void sendWhenCalledOnACallersEventLoopThenRelayedOnThatLoopWithoutAHandOff() throws Exception {
        io.netty.channel.EventLoopGroup callers = new io.netty.channel.nio.NioEventLoopGroup(1);
        UpstreamStreams affine = new UpstreamStreams(new OutboundGuard(true, host -> new InetAddress[] {InetAddress.getLoopbackAddress()}),
                new UpstreamStreams.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 1), callers);
        try {
            io.netty.channel.EventLoop caller = callers.next();
            CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
            Thread callerThread = caller.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            caller.execute(() -> affine.send(new GuardedHttpClient.Request("POST", URI.create("http://mcp.test:"
                    + server.getAddress().getPort() + "/json"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8)))
                    .thenAccept(r -> answeredOn.complete(Thread.currentThread())));
            assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isSameAs(callerThread);
            Thread other = CompletableFuture.supplyAsync(() -> {
                try {
                    sendJson(affine);
                    return affine.send(new GuardedHttpClient.Request("POST", URI.create("http://mcp.test:" + server.getAddress().getPort()
                            + "/json"), Map.of(), new byte[0])).thenApply(r -> Thread.currentThread()).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            assertThat(other).isNotNull();
            assertThat(seen.stream().map(h -> h.split(" ")[1]).distinct()).as("from elsewhere: the idle connection is reused")
                    .hasSize(1);
        } finally {
            affine.close();
            callers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void sendWhenOnlyAConnectionOfAnotherLoopIsIdleThenACallersRequestOpensOneOnItsOwnLoop() throws Exception {
        // a connection opened for a request from elsewhere (the gateway executor, after a database read) lives on this
        // client's own loop; a request from a caller's loop that took it would cross threads twice, and so would every
        // later one for as long as it lived (the pool kept handing it out): the caller's loop gets a connection of its own
        io.netty.channel.EventLoopGroup callers = new io.netty.channel.nio.NioEventLoopGroup(1);
        UpstreamStreams affine = new UpstreamStreams(new OutboundGuard(true, host -> new InetAddress[] {InetAddress.getLoopbackAddress()}),
                new UpstreamStreams.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 1), callers);
        try {
            assertThat(sendJson(affine).isOk()).as("from elsewhere: on the client's own loop").isTrue();
            assertThat(affine.idleConnections()).isEqualTo(1);
            io.netty.channel.EventLoop caller = callers.next();
            Thread callerThread = caller.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 2; i++) {
                CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
                caller.execute(() -> affine.send(new GuardedHttpClient.Request("POST", URI.create("http://mcp.test:"
                        + server.getAddress().getPort() + "/json"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8)))
                        .thenAccept(r -> answeredOn.complete(Thread.currentThread())));
                assertThat(answeredOn.get(10, TimeUnit.SECONDS)).as("answered on the caller's loop").isSameAs(callerThread);
            }
            assertThat(seen.stream().map(h -> h.split(" ")[1]).distinct()).as("one connection per loop, each reused")
                    .hasSize(2);
            assertThat(seen.get(1).split(" ")[1]).isEqualTo(seen.get(2).split(" ")[1]);
            assertThat(affine.idleConnections()).isEqualTo(2);
        } finally {
            affine.close();
            callers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void sendWhenAnswerReadToItsEndThenTheConnectionIsReused() throws Exception {
        body(send());
        assertThat(client.idleConnections()).isEqualTo(1);
        body(send());
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).split(" ")[1]).as("same client port: one kept-alive connection").isEqualTo(seen.get(1).split(" ")[1]);
    }

    @Test
    void discardWhenTheBodyEndedAndItsConnectionServesTheNextRequestThenThatRequestIsAnswered() throws Exception {
        // the SSE bridge discards the 202 of a POST unread; by the time the discard reaches the connection's event loop, the
        // body may have ended and the connection may already carry the next request: letting go of the old body must not
        // end the new exchange (it did: the connection was closed under it and its answer never came)
        URI chunked = URI.create("http://mcp.test:" + server.getAddress().getPort() + "/chunked");
        GuardedHttpClient.Request post = new GuardedHttpClient.Request("POST", chunked, Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
        Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure> first = client.send(post).get(10, TimeUnit.SECONDS);
        assertThat(first.isOk()).isTrue();
        assertThat(first.value().body()).as("an answer of unknown length is streamed").isInstanceOf(UpstreamBody.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.idleConnections() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the body arrives in full, unread, and its connection goes back to the pool
        }
        assertThat(client.idleConnections()).isEqualTo(1);
        CompletableFuture<Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure>> second = client.send(post);
        io.portcullis.domain.gateway.UnreadBody.discard(first.value().body());
        Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure> answered = second.get(5, TimeUnit.SECONDS);
        assertThat(answered.isOk()).as(() -> answered.error().reason()).isTrue();
        assertThat(body(answered.value())).isEqualTo("Accepted");
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).split(" ")[1]).as("the second request went on the pooled connection").isEqualTo(seen.get(1).split(" ")[1]);
    }

    @Test
    void sendWhenSameHostWithinTheVettingPeriodThenResolvedOnceAndSentToTheVettedAddress() throws Exception {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        UpstreamStreams counting = new UpstreamStreams(new OutboundGuard(true, host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }), new UpstreamStreams.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 1), Duration.ofMinutes(5));
        try {
            for (int i = 0; i < 3; i++) {
                Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure> r = counting.send(new GuardedHttpClient.Request("POST",
                        uri(), Map.of(), "{}".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                assertThat(r.isOk()).isTrue();
                body(r.value());
            }
        } finally {
            counting.close();
        }
        assertThat(lookups).as("one DNS look-up for three requests within the vetting period").hasValue(1);
        assertThat(seen).hasSize(3);
    }

    @Test
    void sendWhenGuardRefusesOrNobodyListensThenFailureWithoutConnecting() throws Exception {
        UpstreamStreams strict = new UpstreamStreams(new OutboundGuard(false, host -> new InetAddress[] {InetAddress.getLoopbackAddress()}),
                new UpstreamStreams.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 1));
        try {
            assertThat(strict.send(GuardedHttpClient.Request.get(uri(), Map.of())).get(5, TimeUnit.SECONDS).error())
                    .isInstanceOf(GuardedHttpClient.Refused.class);
        } finally {
            strict.close();
        }
        assertThat(seen).isEmpty();
        server.stop(0);
        assertThat(client.send(GuardedHttpClient.Request.get(uri(), Map.of())).get(5, TimeUnit.SECONDS).error())
                .isInstanceOf(GuardedHttpClient.Unreachable.class);
    }
}

package io.portcullis.adapters.discovery;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An upstream answer's body as it arrives, for one subscriber, with back-pressure: the connection stops reading
 * while chunks wait for a reader that asked for none. All state is touched on the connection's event loop only;
 * the subscriber's calls are moved there.
 */
final class UpstreamBody implements Flow.Publisher<byte[]>, Flow.Subscription {
    private static final int WAITING_CHUNKS = 8;
    private final Channel channel;
    private final Runnable abandoned;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private Flow.Subscriber<? super byte[]> subscriber;
    private long demand;
    private boolean complete;
    private Throwable error;
    private boolean terminated;

    UpstreamBody(Channel channel, Runnable abandoned) {
        this.channel = channel;
        this.abandoned = abandoned;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> s) {
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("an answer's body can be read once"));
            return;
        }
        channel.eventLoop().execute(() -> {
            subscriber = s;
            s.onSubscribe(this);
            drain();
        });
    }

    @Override
    public void request(long n) {
        channel.eventLoop().execute(() -> {
            if (n <= 0) {
                error = new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams 3.9)");
                chunks.clear();
                abandoned.run();
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            drain();
        });
    }

    @Override
    public void cancel() {
        channel.eventLoop().execute(() -> {
            if (!terminated) {
                terminated = true;
                chunks.clear();
                abandoned.run();
            }
        });
    }

    void push(byte[] chunk) {
        if (!terminated) {
            chunks.add(chunk);
            drain();
        }
    }

    void complete() {
        complete = true;
        drain();
    }

    void fail(Throwable cause) {
        error = cause;
        drain();
    }

    /** True when no reader ever came for the body (the client went away first): nobody will release it. */
    boolean unclaimed() {
        return subscriber == null;
    }

    /** True when the reader asked for more than has arrived: silence now is the upstream's. */
    boolean waiting() {
        return subscriber != null && demand > 0 && chunks.isEmpty() && !complete && error == null;
    }

    private void drain() {
        if (terminated) {
            return;
        }
        if (subscriber != null) {
            while (demand > 0 && !chunks.isEmpty() && !terminated) {
                demand--;
                subscriber.onNext(chunks.poll());
            }
            if (!terminated && (error != null || (complete && chunks.isEmpty()))) {
                terminated = true;
                if (error != null) {
                    subscriber.onError(error);
                } else {
                    subscriber.onComplete();
                }
                return;
            }
        }
        if (!complete && error == null && !terminated) {
            channel.config().setAutoRead(chunks.size() < WAITING_CHUNKS);
        }
    }
}

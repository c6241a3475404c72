package io.portcullis.adapters.discovery;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event stream the SSE bridge writes to one client (the answer to one POST, or the session's GET stream): events
 * are queued until the client asks for them, at most {@value #MAX_WAITING} waiting; a client that reads none of them
 * that long loses the stream (the upstream's single stream cannot wait for one slow reader).
 */
final class ClientEventStream implements Flow.Publisher<byte[]>, Flow.Subscription {
    static final int MAX_WAITING = 1024;
    private final ConcurrentLinkedQueue<byte[]> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final Runnable gone;
    private volatile Flow.Subscriber<? super byte[]> subscriber;
    private volatile boolean complete;
    private volatile Throwable failure;
    private volatile boolean cancelled;
    private boolean terminated;

    /** {@code gone} runs once when the client stops reading (cancel) or the stream fails. */
    ClientEventStream(Runnable gone) {
        this.gone = gone;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> s) {
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(this);
            s.onError(new IllegalStateException("an event stream can be read once"));
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
        drain();
    }

    void push(byte[] event) {
        if (size.incrementAndGet() > MAX_WAITING) {
            fail(new IllegalStateException("the client did not read its event stream"));
            return;
        }
        waiting.add(event);
        drain();
    }

    void complete() {
        complete = true;
        drain();
    }

    void fail(Throwable cause) {
        failure = cause;
        drain();
    }

    boolean ended() {
        return complete || failure != null || cancelled;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams 3.9)"));
            return;
        }
        requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
        drain();
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            waiting.clear();
            gone.run();
        }
    }

    private void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Flow.Subscriber<? super byte[]> s = subscriber;
            if (s != null && !terminated && !cancelled) {
                if (failure == null) {
                    while (requested.get() > 0 && !waiting.isEmpty()) {
                        requested.decrementAndGet();
                        size.decrementAndGet();
                        s.onNext(waiting.poll());
                    }
                }
                if (failure != null || (complete && waiting.isEmpty())) {
                    terminated = true;
                    if (failure != null) {
                        gone.run();
                        s.onError(failure);
                    } else {
                        s.onComplete();
                    }
                }
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }
}

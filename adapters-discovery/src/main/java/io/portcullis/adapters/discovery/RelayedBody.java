package io.portcullis.adapters.discovery;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * An upstream body on its way to the client, message by message: an event stream event by event (each at most
 * the limit, each through the rewrite), a body to rewrite whole (at most the limit), or any other body passed on
 * as it comes (at most the limit in all). Pulls one chunk at a time from the source, only while the client wants
 * more.
 */
final class RelayedBody implements Flow.Publisher<byte[]> {
    /** How the body is cut into messages. */
    enum Framing { EVENTS, WHOLE, PASS }

    private final Flow.Publisher<byte[]> source;
    private final Framing framing;
    private final int maxBytes;
    private final UnaryOperator<byte[]> rewrite;

    RelayedBody(Flow.Publisher<byte[]> source, Framing framing, int maxBytes, UnaryOperator<byte[]> rewrite) {
        this.source = source;
        this.framing = framing;
        this.maxBytes = maxBytes;
        this.rewrite = rewrite;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> downstream) {
        source.subscribe(new Relay(downstream));
    }

    private final class Relay implements Flow.Subscriber<byte[]>, Flow.Subscription {
        private final Flow.Subscriber<? super byte[]> downstream;
        private final ConcurrentLinkedQueue<byte[]> ready = new ConcurrentLinkedQueue<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private final AtomicBoolean asked = new AtomicBoolean();
        private final EventStreamFraming events = new EventStreamFraming(maxBytes);
        private final ByteArrayOutputStream whole = new ByteArrayOutputStream();
        private volatile Flow.Subscription upstream;
        private volatile boolean sourceDone;
        private volatile Throwable failure;
        private volatile boolean cancelled;
        private long total;
        private boolean terminated;

        Relay(Flow.Subscriber<? super byte[]> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                failure = new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams 3.9)");
                sourceDone = true;
                upstream.cancel();
            } else {
                requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            upstream.cancel();
        }

        @Override
        public void onNext(byte[] chunk) {
            asked.set(false);
            try {
                switch (framing) {
                    case EVENTS -> {
                        List<byte[]> complete = events.feed(chunk);
                        complete.forEach(e -> ready.add(rewrite.apply(e)));
                    }
                    case WHOLE -> {
                        count(chunk);
                        whole.write(chunk, 0, chunk.length);
                    }
                    default -> {
                        count(chunk);
                        ready.add(chunk);
                    }
                }
            } catch (EventStreamFraming.TooLargeException e) {
                failure = e;
                sourceDone = true;
                upstream.cancel();
            }
            drain();
        }

        private void count(byte[] chunk) throws EventStreamFraming.TooLargeException {
            total += chunk.length;
            if (total > maxBytes) {
                throw new EventStreamFraming.TooLargeException(maxBytes);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            sourceDone = true;
            drain();
        }

        @Override
        public void onComplete() {
            if (framing == Framing.EVENTS) {
                byte[] rest = events.rest();
                if (rest.length > 0) {
                    ready.add(rewrite.apply(rest));
                }
            } else if (framing == Framing.WHOLE) {
                ready.add(rewrite.apply(whole.toByteArray()));
            }
            sourceDone = true;
            drain();
        }

        private void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (cancelled) {
                    ready.clear();
                } else if (!terminated) {
                    emit();
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        private void emit() {
            if (failure == null) {
                while (requested.get() > 0 && !ready.isEmpty()) {
                    requested.decrementAndGet();
                    downstream.onNext(ready.poll());
                }
            }
            if (sourceDone && (failure != null || ready.isEmpty())) {
                terminated = true;
                if (failure != null) {
                    downstream.onError(failure);
                } else {
                    downstream.onComplete();
                }
            } else if (!sourceDone && ready.isEmpty() && requested.get() > 0 && asked.compareAndSet(false, true)) {
                upstream.request(1);
            }
        }
    }
}

package io.portcullis.domain.gateway;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A body known in full before it is relayed (a small answer read to its end): a publisher of one item, and its
 * bytes for whoever can send them at once — with a length, no chunking, no subscription to go through.
 */
public final class WholeBody implements Flow.Publisher<byte[]> {
    private final byte[] bytes;

    public WholeBody(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The body itself (not a copy: nobody writes to it). */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private final AtomicBoolean done = new AtomicBoolean();

            @Override
            public void request(long n) {
                if (n > 0 && done.compareAndSet(false, true)) {
                    if (bytes.length > 0) {
                        subscriber.onNext(bytes);
                    }
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                done.set(true);
            }
        });
    }
}

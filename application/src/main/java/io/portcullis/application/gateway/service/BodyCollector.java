package io.portcullis.application.gateway.service;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Reads a relayed body to its end, at most {@code max} bytes, into one array. */
final class BodyCollector implements Flow.Subscriber<byte[]> {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private final int max;
    private Flow.Subscription subscription;

    private BodyCollector(int max) {
        this.max = max;
    }

    static CompletableFuture<byte[]> collect(Flow.Publisher<byte[]> body, int max) {
        BodyCollector collector = new BodyCollector(max);
        body.subscribe(collector);
        return collector.done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(byte[] item) {
        if (done.isDone()) {
            return;
        }
        if (bytes.size() + item.length > max) {
            subscription.cancel();
            done.completeExceptionally(new IllegalStateException("the answer is larger than " + max + " bytes"));
            return;
        }
        bytes.writeBytes(item);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done.complete(bytes.toByteArray());
    }
}

package io.portcullis.domain.gateway;

import java.util.concurrent.Flow;

/**
 * A reader that lets go of a body at once, unread: what the gateway subscribes to an upstream answer it will not
 * relay, so the connection behind it is closed rather than left waiting.
 */
public final class UnreadBody implements Flow.Subscriber<byte[]> {
    /** Cancels {@code body}. */
    public static void discard(Flow.Publisher<byte[]> body) {
        body.subscribe(new UnreadBody());
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.cancel();
    }

    @Override
    public void onNext(byte[] item) {
        // nothing is read
    }

    @Override
    public void onError(Throwable throwable) {
        // the body is not wanted, nor its failure
    }

    @Override
    public void onComplete() {
        // nothing to finish
    }
}

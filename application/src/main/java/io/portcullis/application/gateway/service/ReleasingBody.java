package io.portcullis.application.gateway.service;

import java.util.concurrent.Flow;

/** A relayed body that runs {@code done} once it has ended, failed or been cancelled by its reader. */
final class ReleasingBody implements Flow.Publisher<byte[]> {
    private final Flow.Publisher<byte[]> body;
    private final Runnable done;

    ReleasingBody(Flow.Publisher<byte[]> body, Runnable done) {
        this.body = body;
        this.done = done;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> reader) {
        body.subscribe(new Flow.Subscriber<byte[]>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                reader.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        done.run();
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(byte[] item) {
                reader.onNext(item);
            }

            @Override
            public void onError(Throwable failure) {
                done.run();
                reader.onError(failure);
            }

            @Override
            public void onComplete() {
                done.run();
                reader.onComplete();
            }
        });
    }
}

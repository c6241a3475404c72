package io.portcullis.bootstrap.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Keeps every thread of the blocking pool (handlers, credential look-ups) busy until {@link #release()}. */
public final class BusyHandlerThreads implements AutoCloseable {
    private static final int THREADS = 10; // micronaut.executors.blocking.n-threads
    private final CountDownLatch release = new CountDownLatch(1);

    private BusyHandlerThreads() {
    }

    /** Returns once all {@value #THREADS} threads are waiting; fails if they do not all start within 10 s. */
    public static BusyHandlerThreads occupy(ApplicationContext context) throws InterruptedException {
        ExecutorService handlers = context.getBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.BLOCKING));
        BusyHandlerThreads busy = new BusyHandlerThreads();
        CountDownLatch started = new CountDownLatch(THREADS);
        for (int i = 0; i < THREADS; i++) {
            handlers.execute(() -> {
                started.countDown();
                try {
                    busy.release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (!started.await(10, TimeUnit.SECONDS)) {
            busy.release();
            throw new AssertionError("the blocking pool did not start " + THREADS + " waiting tasks within 10 s");
        }
        return busy;
    }

    public void release() {
        release.countDown();
    }

    @Override
    public void close() {
        release();
    }
}

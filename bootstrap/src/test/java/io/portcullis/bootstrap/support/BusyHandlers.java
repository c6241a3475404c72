package io.portcullis.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Every thread of the blocking pool (handlers) kept busy until {@link #close()}: what still answers runs elsewhere. */
public final class BusyHandlers implements AutoCloseable {
    private static final int THREADS = 10; // micronaut.executors.blocking.n-threads
    private final CountDownLatch release = new CountDownLatch(1);

    private BusyHandlers() {
    }

    /** Returns once all {@value #THREADS} threads are taken. */
    public static BusyHandlers occupy(ApplicationContext context) throws InterruptedException {
        ExecutorService handlers = context.getBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.BLOCKING));
        BusyHandlers busy = new BusyHandlers();
        CountDownLatch taken = new CountDownLatch(THREADS);
        for (int i = 0; i < THREADS; i++) {
            handlers.execute(() -> {
                taken.countDown();
                try {
                    busy.release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
        return busy;
    }

    @Override
    public void close() {
        release.countDown();
    }
}

package io.portcullis.adapters.http.security;

import io.micronaut.context.BeanLocator;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.inject.MethodReference;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.executor.DefaultExecutorSelector;
import io.micronaut.scheduling.executor.ThreadSelection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Micronaut's executor choice for handlers, with one difference: a request that {@link CredentialAuthenticationFetcher}
 * authenticated on a worker of the blocking pool has its handler run on that same worker instead of being queued
 * for another one. The key lookup has to leave the event loop (filters run there); without this every
 * authenticated request would cross threads twice, which measured about 20% fewer requests per second on the
 * authenticated GET of bench/run.sh. And a handler <em>method</em> that itself declares {@link NonBlocking} runs where
 * the filter chain continues, with no hand-off: on the event loop (liveness; {@code /users/me} when the credential was
 * known from memory), or on the worker that looked the credential up. Micronaut honours that annotation only under
 * {@code thread-selection: AUTO}, and this service runs {@code BLOCKING}. (Declared on a class it changes nothing here.) Everything else reaches the pool exactly as before.
 */
@Singleton
@Replaces(DefaultExecutorSelector.class)
public final class ContinuingExecutorSelector extends DefaultExecutorSelector {
    private static final ThreadLocal<Boolean> AUTHENTICATED_HERE = new ThreadLocal<>();
    private final BeanProvider<ExecutorService> blocking;
    private volatile ExecutorService continuing;

    ContinuingExecutorSelector(BeanLocator beanLocator, @Named(TaskExecutors.IO) BeanProvider<ExecutorService> io,
            @Named(TaskExecutors.BLOCKING) BeanProvider<ExecutorService> blocking) {
        super(beanLocator, io, blocking);
        this.blocking = blocking;
    }

    /** Runs {@code continuation} (the rest of the filter chain) so that the next handler dispatch stays on this thread. */
    static void continueHere(Runnable continuation) {
        AUTHENTICATED_HERE.set(Boolean.TRUE);
        try {
            continuation.run();
        } finally {
            AUTHENTICATED_HERE.remove();
        }
    }

    @Override
    public Optional<ExecutorService> select(MethodReference<?, ?> method, ThreadSelection threadSelection) {
        if (method.hasDeclaredAnnotation(NonBlocking.class) && !method.hasAnnotation(ExecuteOn.class)) {
            return Optional.empty();
        }
        return super.select(method, threadSelection).map(e -> e == blocking.get() ? continuing(e) : e);
    }

    private ExecutorService continuing(ExecutorService pool) {
        ExecutorService c = continuing;
        if (c == null) {
            c = new ContinuingExecutor(pool);
            continuing = c;
        }
        return c;
    }

    /** The blocking pool, except that the first task submitted right after authenticating runs in place. */
    private static final class ContinuingExecutor extends AbstractExecutorService {
        private final ExecutorService pool;

        ContinuingExecutor(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public void execute(@NonNull Runnable task) {
            if (Boolean.TRUE.equals(AUTHENTICATED_HERE.get())) {
                AUTHENTICATED_HERE.remove(); // once: work the handler hands on goes to the pool as usual
                task.run();
            } else {
                pool.execute(task);
            }
        }

        @Override
        public void shutdown() {
            pool.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return pool.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return pool.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return pool.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return pool.awaitTermination(timeout, unit);
        }
    }
}

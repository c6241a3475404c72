package io.portcullis.bootstrap.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SecureRandomSourceTest {
    private final SecureRandomSource random = new SecureRandomSource();

    /**
     * Every grant draws several secrets; request threads drawing at once must not queue on one generator's lock
     * (the JDK's default NativePRNG is one synchronized object per instance, and a thread preempted while holding it
     * stalls all others: JFR showed 10 ms+ waits on it at the token endpoint).
     */
    @Test
    void threadsDrawingAtOnceNeverWaitForEachOther() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.setThreadContentionMonitoringEnabled(true);
        int workers = 4;
        CyclicBarrier start = new CyclicBarrier(workers);
        AtomicLong blocked = new AtomicLong();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(() -> {
                try {
                    random.bytes(32); // the first draw of a thread may set up its generator
                    start.await();
                    long before = threads.getThreadInfo(Thread.currentThread().getId()).getBlockedCount();
                    for (int n = 0; n < 20_000; n++) {
                        random.bytes(40);
                    }
                    blocked.addAndGet(threads.getThreadInfo(Thread.currentThread().getId()).getBlockedCount() - before);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            running.add(t);
        }
        for (Thread t : running) {
            t.join();
        }
        assertThat(blocked.get()).isZero();
    }

    @Test
    void drawsDiffer() {
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            drawn.add(random.alphanumeric(20));
        }
        assertThat(drawn).hasSize(1000);
        assertThat(random.bytes(17)).hasSize(17);
    }
}

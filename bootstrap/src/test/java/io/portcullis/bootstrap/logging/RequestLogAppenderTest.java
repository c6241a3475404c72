package io.portcullis.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The request log's queued, batched appender: the lines it writes, and dropping (counted) rather than blocking. */
class RequestLogAppenderTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void appendWhenStoppedThenEveryLineWrittenInTheConsoleShape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RequestLogAppender appender = started(out, 100);
        for (int i = 0; i < 50; i++) {
            appender.doAppend(event("GET /healthz 200 " + i + "ms 127.0.0.1"));
        }
        appender.stop();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(50);
        assertThat(lines[0]).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d INFO  portcullis\\.request - GET /healthz 200 0ms 127\\.0\\.0\\.1");
        assertThat(lines[49]).endsWith(" - GET /healthz 200 49ms 127.0.0.1");
        assertThat(appender.dropped()).isZero();
    }

    @Test
    void appendWhenManyThreadsAtOnceThenEachLineWrittenOnceAndNoneDropped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RequestLogAppender appender = started(out, 100_000);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    appender.doAppend(event("t" + thread + " line " + i));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        appender.stop();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(20_000);
        assertThat(java.util.Arrays.stream(lines).map(l -> l.substring(l.indexOf(" - ") + 3)).distinct().count()).isEqualTo(20_000);
        assertThat(appender.dropped()).isZero();
    }

    @Test
    void appendWhenOutputStuckThenQueueFullDropsAndCountsWithoutBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                await(release);
                written.write(b, off, len);
            }
        };
        RequestLogAppender appender = started(stuck, 10);
        appender.doAppend(event("first"));
        Thread.sleep(3 * RequestLogAppender.FLUSH_MILLIS); // the writer takes it and blocks in write
        long before = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            appender.doAppend(event("line " + i));
        }
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(appender.dropped()).isEqualTo(990);
        release.countDown();
        appender.stop();
        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(" - first\n").contains(" - line 9\n").doesNotContain(" - line 10\n")
                .containsPattern("WARN  portcullis\\.request - 990 request log lines dropped");
    }

    private RequestLogAppender started(OutputStream out, int capacity) {
        RequestLogAppender appender = new RequestLogAppender(out, capacity);
        appender.setContext(context);
        appender.start();
        return appender;
    }

    private LoggingEvent event(String message) {
        return new LoggingEvent("test", context.getLogger("portcullis.request"), Level.INFO, message, null, null);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

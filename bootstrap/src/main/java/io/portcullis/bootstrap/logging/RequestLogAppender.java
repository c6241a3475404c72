package io.portcullis.bootstrap.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The request log's appender (logger {@code portcullis.request}, one line per request): the request thread only puts
 * the event on a bounded queue — no encoder, no lock held over a write, no system call — and one writer thread turns
 * what has queued into lines shaped like the console's ({@code HH:mm:ss.SSS INFO  portcullis.request - <line>}) and
 * writes them with one {@code write} every {@link #FLUSH_MILLIS} ms at most. When the output cannot keep up and the
 * queue is full, lines are dropped and counted, and the count is written as a WARN line, instead of slowing requests.
 * Each thread that logs has a queue of its own (bounded by {@code capacity} lines), which only it adds to: with one
 * queue shared by the network threads, adding a line was ~3% of an authenticated GET's samples with a lock
 * ({@code ArrayBlockingQueue}) and ~4.5% without one, the threads taking the same memory from each other's caches.
 * Measured on {@code GET /healthz}: Logback's console appender (pattern encoder, lock, a write per line) cost more
 * CPU per request than the rest of the request log and the route together.
 */
public final class RequestLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final long FLUSH_MILLIS = 20;
    private static final int BATCH = 4096;
    private final AtomicLong dropped = new AtomicLong();
    /** The queues of the threads that have logged (a thread's queue stays while lines are left in it). */
    private final List<Lines> queues = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Lines> own = ThreadLocal.withInitial(this::register);
    private int capacity = 8_192;

    /** One thread's lines, and how many of them the writer has not taken yet ({@code size()} would walk the queue). */
    private record Lines(Thread owner, ConcurrentLinkedQueue<ILoggingEvent> queue, AtomicInteger queued) {
    }

    private Lines register() {
        Lines lines = new Lines(Thread.currentThread(), new ConcurrentLinkedQueue<>(), new AtomicInteger());
        queues.add(lines);
        return lines;
    }
    private OutputStream out;
    private volatile boolean running;
    private Thread writer;
    private final ZoneRules zone = ZoneId.systemDefault().getRules();
    private long second = Long.MIN_VALUE;
    private final char[] clock = new char[8];

    public RequestLogAppender() {
    }

    /** Writes to {@code out} instead of standard output (tests). */
    RequestLogAppender(OutputStream out, int capacity) {
        this.out = out;
        this.capacity = capacity;
    }

    /** How many lines each thread may have queued (logback.xml {@code <capacity>}). */
    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (out == null) {
            out = System.out;
        }
        running = true;
        writer = new Thread(this::drain, "portcullis-request-log");
        writer.setDaemon(true);
        writer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "portcullis-request-log-flush"));
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        Lines lines = own.get();
        if (lines.queued().get() >= capacity) {
            dropped.incrementAndGet();
            return;
        }
        lines.queued().incrementAndGet();
        lines.queue().offer(event);
    }

    /** Lines dropped so far because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    private void drain() {
        List<ILoggingEvent> batch = new ArrayList<>(BATCH);
        StringBuilder text = new StringBuilder(1 << 16);
        boolean more = true;
        while (more) {
            more = running;
            batch.clear();
            take(batch);
            long lost = dropped.getAndSet(0);
            if (batch.isEmpty() && lost == 0) {
                if (more) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS));
                }
                continue;
            }
            text.setLength(0);
            for (ILoggingEvent e : batch) {
                line(text, e.getTimeStamp(), e.getLevel().toString(), e.getLoggerName(), e.getFormattedMessage());
            }
            if (lost > 0) {
                line(text, System.currentTimeMillis(), "WARN", batch.isEmpty() ? "portcullis.request" : batch.get(0).getLoggerName(),
                        lost + " request log lines dropped: the log output did not keep up");
            }
            write(text);
            more |= queues.stream().anyMatch(l -> !l.queue().isEmpty());
        }
    }

    /** Up to {@link #BATCH} lines, oldest first within each thread's queue; forgets the queues of ended threads once empty. */
    private void take(List<ILoggingEvent> batch) {
        for (Lines lines : queues) {
            int taken = 0;
            for (ILoggingEvent e = batch.size() < BATCH ? lines.queue().poll() : null; e != null;
                    e = batch.size() < BATCH ? lines.queue().poll() : null) {
                batch.add(e);
                taken++;
            }
            if (taken > 0) {
                lines.queued().addAndGet(-taken);
            }
            if (!lines.owner().isAlive() && lines.queue().isEmpty()) {
                queues.remove(lines);
            }
        }
        batch.sort(java.util.Comparator.comparingLong(ILoggingEvent::getTimeStamp));
    }

    private void write(StringBuilder text) {
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            addError("could not write the request log", e);
        }
    }

    /** {@code HH:mm:ss.SSS LEVEL logger - message}, as logback.xml's console pattern writes other loggers' lines. */
    private void line(StringBuilder text, long millis, String level, String logger, String message) {
        long epochSecond = Math.floorDiv(millis, 1000);
        if (epochSecond != second) {
            second = epochSecond;
            int offset = zone.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
            long local = Math.floorMod(epochSecond + offset, 86_400L);
            two(clock, 0, (int) (local / 3600));
            clock[2] = ':';
            two(clock, 3, (int) (local / 60 % 60));
            clock[5] = ':';
            two(clock, 6, (int) (local % 60));
        }
        int ms = (int) Math.floorMod(millis, 1000L);
        text.append(clock).append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10)).append(' ').append(level);
        for (int i = level.length(); i < 5; i++) {
            text.append(' ');
        }
        text.append(' ').append(logger).append(" - ").append(message).append('\n');
    }

    private static void two(char[] into, int at, int value) {
        into[at] = (char) ('0' + value / 10);
        into[at + 1] = (char) ('0' + value % 10);
    }
}

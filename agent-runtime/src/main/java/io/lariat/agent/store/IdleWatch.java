package io.lariat.agent.store;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body that delivers no data for longer than the idle timeout, so that a stalled transfer (the
 * connection open, no bytes) fails instead of blocking its reader forever.
 *
 * <p>The JDK's HTTP client bounds connecting and waiting for response headers, but not the gaps between body bytes;
 * closing the body from another thread wakes a blocked {@code read} with an {@link IOException}. The reader calls
 * {@link #touch()} after each read and asks {@link #expired()} when a read fails. Thread-safe.
 */
final class IdleWatch implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lariat-download-idle").daemon().factory());

    private final long idleNanos;
    private final Closeable body;
    private final ScheduledFuture<?> check;
    private volatile long lastNanos = System.nanoTime();
    private volatile boolean expired;

    /** Starts watching {@code body}, which is closed once {@code idle} passes without a {@link #touch()}. */
    IdleWatch(Duration idle, Closeable body) {
        this.idleNanos = idle.toNanos();
        this.body = body;
        long period = Math.max(10, idle.toMillis() / 4);
        this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Data arrived: the idle time starts again. */
    void touch() {
        lastNanos = System.nanoTime();
    }

    /** Whether the body was closed because it stalled. */
    boolean expired() {
        return expired;
    }

    private void check() {
        if (!expired && System.nanoTime() - lastNanos > idleNanos) {
            expired = true;
            check.cancel(false);
            try {
                body.close();
            } catch (IOException alreadyBroken) {
                // The reader fails either way and reports the stall, which is the point of closing.
            }
        }
    }

    /** Stops watching; the body is left as it is. */
    @Override
    public void close() {
        check.cancel(false);
    }
}

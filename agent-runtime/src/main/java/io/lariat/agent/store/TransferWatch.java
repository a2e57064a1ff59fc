package io.lariat.agent.store;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body that delivers no data for longer than the idle timeout, or whose transfer outlives its
 * deadline, so that neither a stalled nor a trickling server blocks its reader forever.
 *
 * <p>The JDK's HTTP client bounds connecting and waiting for response headers, but not the gaps between body bytes
 * nor the whole transfer; closing the body from another thread wakes a blocked {@code read} with an
 * {@link IOException}. The reader calls {@link #touch(long)} after each read and asks {@link #expired()} when a read
 * fails. Thread-safe.
 */
final class TransferWatch implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lariat-download-watch").daemon().factory());

    /** Why a watched body was closed. */
    enum Expiry { IDLE, DEADLINE }

    private final long idleNanos;
    private final long startNanos = System.nanoTime();
    private final PullLimits limits;
    private final long size;
    private final Closeable body;
    private final ScheduledFuture<?> check;
    private volatile long lastNanos = startNanos;
    private volatile long done;
    private volatile Expiry expired;

    /**
     * Watches {@code body} for stalls and for the deadline of a blob of {@code size} bytes ({@code -1} when unknown:
     * then the deadline grows with the bytes received, so the average rate must stay above the limits' minimum).
     */
    TransferWatch(PullLimits limits, long size, Closeable body) {
        this.idleNanos = limits.idleTimeout().toNanos();
        this.limits = limits;
        this.size = size;
        this.body = body;
        long period = Math.max(10, limits.idleTimeout().toMillis() / 4);
        this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Data arrived ({@code total} bytes so far): the idle time starts again. */
    void touch(long total) {
        done = total;
        lastNanos = System.nanoTime();
    }

    /** Why the body was closed, or null while it was not. */
    Expiry expired() {
        return expired;
    }

    /** The deadline of this transfer as it stands. */
    Duration deadline() {
        return limits.blobDeadline(Math.max(size, done));
    }

    private void check() {
        long now = System.nanoTime();
        Expiry expiry = now - lastNanos > idleNanos ? Expiry.IDLE
                : now - startNanos > deadline().toNanos() ? Expiry.DEADLINE : null;
        if (expired == null && expiry != null) {
            expired = expiry;
            check.cancel(false);
            try {
                body.close();
            } catch (IOException alreadyBroken) {
                // The reader fails either way and reports the expiry, which is the point of closing.
            }
        }
    }

    /** Stops watching; the body is left as it is. */
    @Override
    public void close() {
        check.cancel(false);
    }
}

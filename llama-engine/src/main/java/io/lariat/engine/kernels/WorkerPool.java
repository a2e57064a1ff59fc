package io.lariat.engine.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs one range task at a time, split into contiguous chunks that the threads (the
 * caller's included) claim until none are left, so a thread that the OS deschedules on a busy machine does not hold
 * the others back. Chunks shrink as the range runs out (each takes a {@code 1 / (2 * threads)} share of what is
 * left, down to {@code 1 / (32 * threads)} of the range): the first are large, so claiming stays rare, and the last
 * are small, so the threads finish together. With a fixed eight chunks, a decode step's threads waited for each
 * other about a sixteenth of every matrix product (half a chunk), 81 products per token. Workers spin briefly between tasks before parking, because a forward pass issues hundreds of
 * short parallel steps per token and a park/unpark round trip per step would cost more than the work.
 *
 * <p>Thread-safe: concurrent {@link #forRange} calls are serialized. Tasks must not call {@code forRange} on the same
 * pool. A task's exception is rethrown to the caller after all parts have finished.
 */
public final class WorkerPool implements AutoCloseable {
    /** Work over the half-open range {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeTask {
        /** Processes units {@code start} (inclusive) to {@code end} (exclusive). */
        void run(int start, int end);
    }

    private static final int SPINS_BEFORE_PARK = 20_000;
    /** A chunk takes this share of the units left, per thread. */
    private static final int SHARE_DIVISOR = 2;
    /** The smallest chunk, as a share of the whole range per thread. */
    private static final int SMALLEST_DIVISOR = 32;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger nextUnit = new AtomicInteger();
    private volatile long epoch;
    private volatile boolean closed;
    private volatile RangeTask task;
    private volatile int units;
    private volatile int smallest;
    private volatile Throwable failure;

    /** Starts {@code threads - 1} daemon workers; {@code threads} must be at least 1. */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int part = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name("lariat-kernel-" + part).start(this::workLoop);
        }
    }

    /** Number of threads, the caller's included. */
    public int threads() {
        return threads;
    }

    /** Runs {@code task} over {@code [0, n)} in chunks spread over the threads and waits for all of them. */
    public synchronized void forRange(int n, RangeTask task) {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        if (threads == 1 || n < 2) {
            task.run(0, n);
            return;
        }
        this.task = task;
        this.units = n;
        this.smallest = Math.max(1, n / (threads * SMALLEST_DIVISOR));
        this.failure = null;
        nextUnit.set(0);
        pending.set(workers.length);
        epoch++;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        runChunks(task, n);
        awaitWorkers();
        this.task = null;
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }

    private void awaitWorkers() {
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < SPINS_BEFORE_PARK) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private void runChunks(RangeTask current, int n) {
        int least = smallest;
        int divisor = threads * SHARE_DIVISOR;
        try {
            for (int start = nextUnit.get(); start < n; start = nextUnit.get()) {
                int end = Math.min(n, start + Math.max(least, (n - start) / divisor));
                if (nextUnit.compareAndSet(start, end)) {
                    current.run(start, end);
                }
            }
        } catch (Throwable t) {
            failure = t;
            nextUnit.set(n);
        }
    }

    private void workLoop() {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (epoch == seen && !closed) {
                if (++spins < SPINS_BEFORE_PARK) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = epoch;
            runChunks(task, units);
            pending.decrementAndGet();
        }
    }

    /** Stops the workers. */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }
}

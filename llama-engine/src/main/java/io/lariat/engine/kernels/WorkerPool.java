package io.lariat.engine.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs one range task at a time, split into equal contiguous parts (the caller's
 * thread runs the first part). Workers spin briefly between tasks before parking, because a forward pass issues
 * hundreds of short parallel steps per token and a park/unpark round trip per step would cost more than the work.
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

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long epoch;
    private volatile boolean closed;
    private volatile RangeTask task;
    private volatile int units;
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
            workers[i] = Thread.ofPlatform().daemon().name("lariat-kernel-" + part).start(() -> workLoop(part));
        }
    }

    /** Number of threads, the caller's included. */
    public int threads() {
        return threads;
    }

    /** Runs {@code task} over {@code [0, n)} split into {@link #threads()} parts and waits for all of them. */
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
        this.failure = null;
        pending.set(workers.length);
        epoch++;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        runPart(0, task, n);
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

    private void runPart(int part, RangeTask current, int n) {
        int start = (int) ((long) n * part / threads);
        int end = (int) ((long) n * (part + 1) / threads);
        try {
            if (start < end) {
                current.run(start, end);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void workLoop(int part) {
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
            runPart(part, task, units);
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
